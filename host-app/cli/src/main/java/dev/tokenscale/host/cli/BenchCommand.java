package dev.tokenscale.host.cli;

import dev.tokenscale.api.ModelArchitecture;
import dev.tokenscale.host.embed.EstimateRequest;
import dev.tokenscale.host.embed.InvalidInputException;
import dev.tokenscale.host.embed.Lookup;
import dev.tokenscale.host.engine.DecodeBenchmark;
import dev.tokenscale.host.engine.Economics;
import dev.tokenscale.host.explore.Exploration;
import dev.tokenscale.host.spec.Variations;
import dev.tokenscale.host.spec.silicon.Variation;
import dev.tokenscale.host.explore.FrontierBenchmark;
import dev.tokenscale.host.runtime.Installed;
import dev.tokenscale.host.runtime.PluginHost;
import dev.tokenscale.host.spec.SiliconReader;
import dev.tokenscale.host.spec.SpecException;
import dev.tokenscale.host.spec.silicon.Design;
import dev.tokenscale.host.spec.silicon.SiliconData;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tokenscale bench}: how many decode points per second the step-time engine evaluates on one thread, over
 * every installed model on every installed system at several batches and contexts; with {@code --frontiers}, how
 * many design-model frontiers per second the explorer evaluates on one thread.
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
            + "hardware, batches, contexts (with --frontiers: frontiers, seconds, frontiersPerSecond, designs, "
            + "models).")
    boolean json;

    @Option(names = "--frontiers", description = "Measure the explorer instead: design-model frontiers (a design "
            + "derived from silicon and swept to its frontier) evaluated per second on one thread.")
    boolean frontiers;

    /** The frontier benchmark's designs: the seed's wafer and stacked-LPU questions, a dozen variations. */
    static final List<String> FRONTIER_GRID = List.of("wse-3: sramShare=0.3,0.5,0.7 node=n5,n2",
            "stacked-lpu: stackLayers=2,4,6 sramShare=0.1,0.3");
    /** The frontier benchmark's models: a dense 70B and an MoE 120B. */
    static final List<String> FRONTIER_MODELS = List.of("llama-3.1-70b", "gpt-oss-120b");

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
        if (frontiers) {
            return frontiers();
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

    private int frontiers() {
        SiliconData silicon = ExploreCommand.silicon();
        List<Exploration.Point> points = new ArrayList<>();
        List<Design> designs;
        try {
            designs = SiliconReader.builtInDesigns();
        } catch (SpecException e) {
            throw new UserException(e.getMessage());
        }
        for (String line : FRONTIER_GRID) {
            String[] parts = line.split(": ", 2);
            Design base = designs.stream().filter(d -> d.id().equals(parts[0])).findFirst().orElseThrow();
            List<Variation> variations = Arrays.stream(parts[1].split(" ")).map(Variations::parse)
                    .toList();
            Exploration.grid(List.of(base), variations).forEach(p -> points.add(new Exploration.Point(points.size(),
                    p.base(), p.overrides())));
        }
        FrontierBenchmark.Result result;
        try (StartedHost started = launcher.start(host)) {
            PluginHost running = started.host();
            Installed installed = running.installed();
            List<ModelArchitecture> models = new ArrayList<>();
            for (String id : FRONTIER_MODELS) {
                try {
                    models.add(Lookup.model(installed.models(), id));
                } catch (InvalidInputException e) {
                    throw new UserException("bench --frontiers needs the built-in model " + id + ": " + e.getMessage());
                }
            }
            RequestShapeOptions shape = new RequestShapeOptions();
            shape.context = EstimateRequest.DEFAULT_CONTEXT;
            shape.prompt = EstimateRequest.DEFAULT_PROMPT;
            result = FrontierBenchmark.run(ExploreCommand.setup(running, silicon, shape, Economics.DEFAULT), points,
                    models, seconds / 5, seconds);
        }
        if (json) {
            output.json(Map.of("frontiers", result.frontiers(), "seconds", result.seconds(), "frontiersPerSecond",
                    result.frontiersPerSecond(), "designs", result.designs(), "models", result.models()));
        } else {
            output.line(String.format(Locale.ROOT, "grid: %d designs (%s) x %d models (%s), each derived from "
                            + "silicon and swept to its frontier", result.designs(), String.join("; ", FRONTIER_GRID),
                    result.models(), String.join(", ", FRONTIER_MODELS)));
            output.line(String.format(Locale.ROOT, "%,d design-model frontiers in %.2f s of one thread's CPU time: "
                    + "%,.1f frontiers per second", result.frontiers(), result.seconds(), result.frontiersPerSecond()));
        }
        return 0;
    }
}
