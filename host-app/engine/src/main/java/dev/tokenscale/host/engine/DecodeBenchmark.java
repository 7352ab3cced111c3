package dev.tokenscale.host.engine;

import dev.tokenscale.api.ModelArchitecture;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * Measures how many decode points (model, hardware, batch, context) {@link StepTime#seconds} evaluates per second
 * of the calling thread's CPU time (so that other busy processes on the machine do not count against it): it sweeps
 * the grid repeatedly, first to warm up the JIT, then for the measured time.
 */
public final class DecodeBenchmark {

    /** Batches of the grid: a single user up to a large serving batch. */
    public static final List<Integer> BATCHES = List.of(1, 8, 64, 256);
    /** Contexts of the grid: short chat to the longest catalog context. */
    public static final List<Long> CONTEXTS = List.of(1_024L, 8_192L, 32_768L, 131_072L);

    private DecodeBenchmark() {
    }

    /**
     * The outcome of a run.
     *
     * @param points          decode points evaluated in the measured time
     * @param seconds         CPU time of the measuring thread
     * @param pointsPerSecond points / seconds
     * @param gridPoints      points in one sweep of the grid
     */
    public record Result(long points, double seconds, double pointsPerSecond, int gridPoints) {
    }

    /**
     * Sweeps every model on every accelerator (each model whole on one device) at every batch and context of the
     * grid, for {@code warmUpSeconds} unmeasured and then for {@code seconds} measured.
     */
    public static Result run(List<ModelArchitecture> models, List<Accelerator> accelerators, double warmUpSeconds,
                             double seconds) {
        if (models.isEmpty() || accelerators.isEmpty()) {
            throw new IllegalArgumentException("the benchmark needs at least one model and one accelerator");
        }
        Shard[][] shards = new Shard[models.size()][accelerators.size()];
        for (int m = 0; m < models.size(); m++) {
            for (int a = 0; a < accelerators.size(); a++) {
                shards[m][a] = Shard.whole(models.get(m), accelerators.get(a).spec());
            }
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        sweepFor(models, accelerators, shards, warmUpSeconds, threads);
        long start = threads.getCurrentThreadCpuTime();
        long points = sweepFor(models, accelerators, shards, seconds, threads);
        double elapsed = (threads.getCurrentThreadCpuTime() - start) / 1e9;
        int grid = models.size() * accelerators.size() * BATCHES.size() * CONTEXTS.size();
        return new Result(points, elapsed, points / elapsed, grid);
    }

    private static long sweepFor(List<ModelArchitecture> models, List<Accelerator> accelerators, Shard[][] shards,
                                 double seconds, ThreadMXBean threads) {
        long deadline = threads.getCurrentThreadCpuTime() + (long) (seconds * 1e9);
        long points = 0;
        do {
            double sum = 0;
            for (int m = 0; m < models.size(); m++) {
                ModelArchitecture model = models.get(m);
                for (int a = 0; a < accelerators.size(); a++) {
                    Accelerator accelerator = accelerators.get(a);
                    for (int batch : BATCHES) {
                        for (long context : CONTEXTS) {
                            sum += StepTime.seconds(model, accelerator, Workload.of(model, batch, context, 1),
                                    shards[m][a], Pass.decode(batch, context));
                            points++;
                        }
                    }
                }
            }
            // Using the sum keeps the JIT from discarding the work, and catches a broken point.
            if (!(sum > 0) || Double.isInfinite(sum)) {
                throw new IllegalStateException("a decode point gave a step time that is not a positive number");
            }
        } while (threads.getCurrentThreadCpuTime() < deadline);
        return points;
    }
}
