package dev.tokenscale.host.cli;

import dev.tokenscale.host.embed.Lookup;
import dev.tokenscale.host.engine.MeasuredCase;
import dev.tokenscale.host.units.Units;
import dev.tokenscale.host.engine.Validation;
import dev.tokenscale.host.runtime.Installed;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tokenscale validate}: predicts every measured row on one device (decode rows: the step time; prefill rows:
 * the prefill time) and shows how far each prediction lands, with the median and largest error per hardware and
 * model and overall.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Predict every row of a measurement file on one device and show measured vs predicted, the "
                + "signed error per row, and the median and max absolute error per hardware and model.")
final class ValidateCommand implements Callable<Integer> {

    @Mixin
    HostOptions host;

    @Mixin
    MeasurementOptions measurements;

    @Option(names = "--json", description = "Print JSON: rows and summary (fields documented in docs/calibration.md).")
    boolean json;

    private final HostLauncher launcher;
    private final Output output;

    @Inject
    ValidateCommand(HostLauncher launcher, Output output) {
        this.launcher = launcher;
        this.output = output;
    }

    @Override
    public Integer call() {
        Validation validation;
        List<String> calibrated = new ArrayList<>();
        try (StartedHost running = launcher.start(host)) {
            Installed installed = running.host().installed();
            List<MeasuredCase> cases = measurements.cases(installed);
            validation = Validation.of(cases, id -> Lookup.hardware(installed.accelerators(), id));
            cases.stream().map(c -> c.row().hardware()).distinct().forEach(id -> running.host().calibration(id)
                    .ifPresent(c -> calibrated.add(id + " calibrated by " + c.origin())));
        }
        if (json) {
            output.json(validation);
            return 0;
        }
        output.line(measurements.file + " · " + validation.rows().size() + " rows · "
                + (calibrated.isEmpty() ? "declared execution parameters" : String.join(", ", calibrated)));
        output.line("");
        List<List<String>> rows = new ArrayList<>();
        for (Validation.Row row : validation.rows()) {
            rows.add(List.of(row.hardware(), row.model(), row.phase(), Units.count(row.batch()),
                    row.contextTokens() > 0 ? Units.count(row.contextTokens()) : "-",
                    row.promptTokens() > 0 ? Units.count(row.promptTokens()) : "-", Units.seconds(row.measured()),
                    Units.seconds(row.predicted()), String.format(Locale.ROOT, "%+.1f%%", row.errorPercent())));
        }
        output.table(List.of("hardware", "model", "phase", "batch", "context", "prompt", "measured", "predicted",
                "error"), rows);
        output.line("");
        List<List<String>> groups = new ArrayList<>();
        for (Validation.Group group : validation.summary().groups()) {
            groups.add(List.of(group.hardware(), group.model(), Units.count(group.rows()),
                    percent(group.medianAbsErrorPercent()), percent(group.maxAbsErrorPercent())));
        }
        Validation.Summary all = validation.summary();
        groups.add(List.of("all", "", Units.count(all.rows()), percent(all.medianAbsErrorPercent()),
                percent(all.maxAbsErrorPercent())));
        output.table(List.of("hardware", "model", "rows", "median |error|", "max |error|"), groups);
        return 0;
    }

    static String percent(double value) {
        return String.format(Locale.ROOT, "%.1f%%", value);
    }
}
