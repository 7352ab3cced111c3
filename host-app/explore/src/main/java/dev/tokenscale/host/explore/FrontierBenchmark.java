package dev.tokenscale.host.explore;

import dev.tokenscale.api.ModelArchitecture;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * Measures how many design-model frontiers the explorer evaluates per second of one thread's CPU time (so that
 * other busy processes on the machine do not count against it): each is a design derived from silicon and swept by
 * the engine's curves over batches and placements to its frontier. The sweep is evaluated repeatedly, first to warm
 * up the JIT, then for the measured time.
 */
public final class FrontierBenchmark {

    private FrontierBenchmark() {
    }

    /**
     * The outcome of a run.
     *
     * @param frontiers          design-model frontiers evaluated in the measured time
     * @param seconds            CPU time of the measuring thread
     * @param frontiersPerSecond frontiers / seconds
     * @param designs            designs in one pass
     * @param models             models in one pass
     */
    public record Result(long frontiers, double seconds, double frontiersPerSecond, int designs, int models) {
    }

    /** Evaluates every point on every model on the calling thread, for {@code warmUp} unmeasured seconds first. */
    public static Result run(Exploration.Setup setup, List<Exploration.Point> points, List<ModelArchitecture> models,
                             double warmUpSeconds, double seconds) {
        if (points.isEmpty() || models.isEmpty()) {
            throw new IllegalArgumentException("the benchmark needs at least one design and one model");
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        passesFor(setup, points, models, warmUpSeconds, threads);
        long start = threads.getCurrentThreadCpuTime();
        long frontiers = passesFor(setup, points, models, seconds, threads);
        double elapsed = (threads.getCurrentThreadCpuTime() - start) / 1e9;
        return new Result(frontiers, elapsed, frontiers / elapsed, points.size(), models.size());
    }

    private static long passesFor(Exploration.Setup setup, List<Exploration.Point> points,
                                  List<ModelArchitecture> models, double seconds, ThreadMXBean threads) {
        long deadline = threads.getCurrentThreadCpuTime() + (long) (seconds * 1e9);
        long frontiers = 0;
        do {
            for (Exploration.Point point : points) {
                List<DesignResult> results = Exploration.evaluate(setup, point, models);
                // A benchmark of failures would measure nothing: every design of its grid must serve every model.
                results.stream().filter(r -> !r.ok()).findFirst().ifPresent(r -> {
                    throw new IllegalStateException(r.design() + " on " + r.model() + ": " + r.error());
                });
                frontiers += results.size();
            }
        } while (threads.getCurrentThreadCpuTime() < deadline);
        return frontiers;
    }
}
