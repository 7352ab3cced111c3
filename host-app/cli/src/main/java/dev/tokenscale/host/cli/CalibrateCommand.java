package dev.tokenscale.host.cli;

import dev.tokenscale.host.embed.Lookup;
import dev.tokenscale.api.Figure;
import dev.tokenscale.host.engine.Accelerator;
import dev.tokenscale.host.engine.Calibrator;
import dev.tokenscale.host.engine.ErrorStats;
import dev.tokenscale.host.engine.MeasuredCase;
import dev.tokenscale.host.units.Units;
import dev.tokenscale.host.runtime.Installed;
import dev.tokenscale.host.calibration.CalibrationFiles;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tokenscale calibrate}: fits one hardware's execution parameters (efficiencies within (0, 1], latencies
 * above 0) to its measured rows and writes a calibration file that every command accepts with
 * {@code --calibration}.
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = "Fit one hardware's execution parameters to measured rows and write a calibration file "
                + "(apply it with --calibration FILE); prints the fitted values and the error before and after.")
final class CalibrateCommand implements Callable<Integer> {

    @Mixin
    HostOptions host;

    @Mixin
    MeasurementOptions measurements;

    @Option(names = "--hardware", paramLabel = "ID", required = true,
            description = "The hardware to calibrate; the file's rows of other hardware are left out.")
    String hardware;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "Where to write the calibration.")
    Path out;

    private final HostLauncher launcher;
    private final Output output;
    private final ProgressBar progress;

    @Inject
    CalibrateCommand(HostLauncher launcher, Output output, ProgressBar progress) {
        this.launcher = launcher;
        this.output = output;
        this.progress = progress;
    }

    @Override
    public Integer call() {
        Calibrator.Fit fit;
        List<MeasuredCase> rows;
        String date = LocalDate.now().toString();
        try (StartedHost running = launcher.start(host)) {
            Installed installed = running.host().installed();
            Accelerator base = Lookup.hardware(installed.accelerators(), hardware);
            List<MeasuredCase> all = measurements.cases(installed);
            rows = all.stream().filter(c -> c.row().hardware().equals(hardware)).toList();
            if (rows.isEmpty()) {
                throw new UserException(measurements.file + " has no rows of " + hardware + "; it has rows of "
                        + all.stream().map(c -> c.row().hardware()).distinct().sorted().toList());
            }
            String source = String.format(Locale.ROOT, "%s %s, %d rows, %s", Figure.CALIBRATED_PREFIX,
                    measurements.file, rows.size(), date);
            String counting = String.format(Locale.ROOT, "fitting %s to %,d rows, trials", hardware, rows.size());
            AtomicInteger trials = new AtomicInteger();
            fit = Calibrator.fit(rows, base, running.host().rebuilder(base), out.toString(), source,
                    () -> progress.counted(counting, trials.incrementAndGet()));
            progress.wipe();
        }
        try {
            CalibrationFiles.write(out, fit, measurements.file.toString(), date);
        } catch (IOException e) {
            throw new UserException(out + ": cannot write: " + e.getMessage());
        }
        output.line("calibrated " + hardware + " on " + measurements.file + " (" + rows.size() + " rows) -> " + out);
        output.line("");
        List<List<String>> table = new ArrayList<>();
        new TreeMap<>(fit.calibration().execution()).forEach((name, fitted) -> {
            Figure declared = fit.declared().get(name);
            table.add(List.of(name, value(name, declared), value(name, fitted),
                    String.format(Locale.ROOT, "x%.2f", fitted.value() / declared.value())));
        });
        output.table(List.of("parameter", "declared", "fitted", "change"), table);
        if (!fit.notExercised().isEmpty()) {
            output.line("not exercised by these rows, left as declared: " + String.join(", ", fit.notExercised()));
        }
        output.line("");
        output.table(List.of("error over the rows", "median |error|", "max |error|"),
                List.of(errors("declared parameters", fit.before()), errors("fitted parameters", fit.after())));
        return 0;
    }

    private static String value(String name, Figure figure) {
        return name.endsWith("Latency") ? Units.seconds(figure.value())
                : String.format(Locale.ROOT, "%.4g", figure.value());
    }

    private static List<String> errors(String what, ErrorStats stats) {
        return List.of(what, ValidateCommand.percent(stats.medianAbsErrorPercent()),
                ValidateCommand.percent(stats.maxAbsErrorPercent()));
    }
}
