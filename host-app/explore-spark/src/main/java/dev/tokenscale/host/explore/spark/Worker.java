package dev.tokenscale.host.explore.spark;

import com.google.inject.Injector;
import dev.tokenscale.api.ModelArchitecture;
import dev.tokenscale.host.embed.Lookup;
import dev.tokenscale.host.embed.Tokenscale;
import dev.tokenscale.host.engine.Economics;
import dev.tokenscale.host.engine.Workload;
import dev.tokenscale.host.explore.DesignResult;
import dev.tokenscale.host.explore.Exploration;
import dev.tokenscale.host.explore.Objective;
import dev.tokenscale.host.explore.ResultTable;
import dev.tokenscale.host.runtime.Explorations;
import dev.tokenscale.host.runtime.Installed;
import dev.tokenscale.host.runtime.PluginHost;
import dev.tokenscale.host.spec.SiliconReader;
import dev.tokenscale.host.spec.SpecException;
import dev.tokenscale.host.spec.Variations;
import dev.tokenscale.host.spec.silicon.Design;
import dev.tokenscale.host.spec.silicon.Variation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything one JVM needs to evaluate a sweep's designs: a tokenscale host started once per JVM with the plugin
 * bundles of its class path (the job's {@code --jars}), the sweep's designs, models and objectives. The driver and
 * every executor build the same one from the same {@link JobSpec}.
 */
final class Worker {

    private static final Map<JobSpec, Worker> WORKERS = new HashMap<>();
    private static Injector host;

    private final Exploration.Setup setup;
    private final List<Exploration.Point> points;
    private final List<ModelArchitecture> models;
    private final List<String> parameters;
    private final List<Objective> objectives;

    private Worker(JobSpec spec, PluginHost running) {
        try {
            List<Design> known = SiliconReader.builtInDesigns();
            List<Design> bases = new ArrayList<>();
            for (String id : spec.designs().isEmpty() ? List.of("wse-3") : spec.designs()) {
                bases.add(known.stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow(() ->
                        new IllegalArgumentException("--design " + id + ": no such design")));
            }
            List<Variation> variations = spec.vary().stream().map(Variations::parse).toList();
            parameters = variations.stream().map(v -> v.parameter().spelling()).toList();
            points = Exploration.grid(bases, variations);
            Installed installed = running.installed();
            models = spec.models().stream().map(id -> Lookup.model(installed.models(), id)).toList();
            objectives = (spec.objectives().isEmpty() ? List.of("max-interactivity", "cost@100") : spec.objectives())
                    .stream().map(Objective::parse).toList();
            setup = Explorations.setup(running, SiliconReader.builtInSilicon(),
                    m -> Workload.of(m, 1, spec.context(), spec.prompt()), Economics.DEFAULT);
        } catch (SpecException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** This JVM's worker for the sweep, starting its host on first use (stopped when the JVM exits). */
    static synchronized Worker of(JobSpec spec) {
        if (host == null) {
            host = Tokenscale.builder().injector();
            Injector started = host;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> started.getInstance(Tokenscale.class).close()));
        }
        return WORKERS.computeIfAbsent(spec, s -> new Worker(s, host.getInstance(PluginHost.class)));
    }

    int designs() {
        return points.size();
    }

    /** The table's columns, with no rows. */
    ResultTable empty() {
        return ResultTable.of(List.of(), parameters, objectives);
    }

    /** One design on every model, as table rows without their Pareto flags. */
    List<Object[]> rows(int index) {
        return ResultTable.of(Exploration.evaluate(setup, points.get(index), models), parameters, objectives).rows();
    }

    /** The same sweep in this JVM on {@code threads} threads, as the command line runs it. */
    ResultTable local(int threads) {
        List<DesignResult> results = Exploration.run(setup, points, models, threads, Set.of(), each -> { });
        return ResultTable.of(Exploration.pareto(results, objectives), parameters, objectives);
    }

    List<Objective> objectives() {
        return objectives;
    }
}
