package dev.tokenscale.host.cli;

import dev.tokenscale.host.engine.DecodeBenchmark;
import dev.tokenscale.host.runtime.Installed;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tokenscale bench}: how many decode points per second the step-time engine evaluates on one thread, over
 * every installed model on every installed system at several batches and contexts.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure the step-time engine: decode points (model, hardware, batch, context) evaluated per "
                + "second on one thread.")
final class BenchCommand implements Callable<Integer> {

    @Mixin
    HostOptions host;

    @Option(names = "--seconds", paramLabel = "N", defaultValue = "5",
            description = "Measure for N seconds, after a warm-up of a fifth of that (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--json", description = "Print JSON: points, seconds, pointsPerSecond, gridPoints, models, "
            + "hardware, batches, contexts.")
    boolean json;

    private final HostLauncher launcher;
    private final Output output;

    @Inject
    BenchCommand(HostLauncher launcher, Output output) {
        this.launcher = launcher;
        this.output = output;
    }

    @Override
    public Integer call() {
        if (!(seconds > 0) || seconds > 3600) {
            throw new UserException("--seconds " + seconds + ": expected a number of seconds above 0 and at most 3600");
        }
        Installed installed;
        try (StartedHost running = launcher.start(host)) {
            installed = running.host().installed();
        }
        if (installed.models().isEmpty() || installed.accelerators().isEmpty()) {
            throw new UserException("bench needs at least one installed model and one installed hardware system");
        }
        DecodeBenchmark.Result result = DecodeBenchmark.run(installed.models(), installed.accelerators(),
                seconds / 5, seconds);
        if (json) {
            output.json(Map.of("points", result.points(), "seconds", result.seconds(),
                    "pointsPerSecond", result.pointsPerSecond(), "gridPoints", result.gridPoints(),
                    "models", installed.models().size(), "hardware", installed.accelerators().size(),
                    "batches", DecodeBenchmark.BATCHES, "contexts", DecodeBenchmark.CONTEXTS));
        } else {
            output.line(String.format(Locale.ROOT, "grid: %d models x %d hardware x batches %s x contexts %s = %,d "
                            + "decode points, each model whole on one device", installed.models().size(),
                    installed.accelerators().size(), DecodeBenchmark.BATCHES, DecodeBenchmark.CONTEXTS,
                    result.gridPoints()));
            output.line(String.format(Locale.ROOT, "%,d points in %.2f s of one thread's CPU time: %,.0f decode "
                    + "points per second", result.points(), result.seconds(), result.pointsPerSecond()));
        }
        return 0;
    }
}
