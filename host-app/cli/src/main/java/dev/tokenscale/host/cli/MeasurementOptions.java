package dev.tokenscale.host.cli;

import dev.tokenscale.host.embed.InvalidInputException;
import dev.tokenscale.host.embed.Lookup;
import dev.tokenscale.api.ModelArchitecture;
import dev.tokenscale.host.engine.Accelerator;
import dev.tokenscale.host.engine.MeasuredCase;
import dev.tokenscale.host.engine.Measurement;
import dev.tokenscale.host.runtime.Installed;
import dev.tokenscale.host.calibration.MeasurementReader;
import dev.tokenscale.host.spec.SpecException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The measurement file that validate and calibrate read, and its rows made ready to predict. */
public final class MeasurementOptions {

    @Option(names = "--measurements", paramLabel = "FILE", required = true,
            description = "Measured operating points, CSV or JSON (format: docs/calibration.md).")
    Path file;

    /**
     * Every row of the file on one device of its installed hardware. Unknown hardware or model ids and rows that
     * do not fit one device are errors that name the row.
     */
    List<MeasuredCase> cases(Installed installed) {
        List<Measurement> rows;
        try {
            rows = MeasurementReader.read(file);
        } catch (SpecException e) {
            throw new UserException(e.getMessage());
        }
        List<MeasuredCase> cases = new ArrayList<>();
        for (Measurement row : rows) {
            Accelerator hardware = find(row, "hardware", () -> Lookup.hardware(installed.accelerators(), row.hardware()));
            ModelArchitecture model = find(row, "model", () -> Lookup.model(installed.models(), row.model()));
            try {
                cases.add(MeasuredCase.of(row, model, hardware));
            } catch (IllegalArgumentException e) {
                throw new UserException(e.getMessage());
            }
        }
        return cases;
    }

    private static <T> T find(Measurement row, String column, java.util.function.Supplier<T> lookup) {
        try {
            return lookup.get();
        } catch (InvalidInputException e) {
            throw new UserException(row.where() + ", column '" + column + "': " + e.getMessage());
        }
    }
}
