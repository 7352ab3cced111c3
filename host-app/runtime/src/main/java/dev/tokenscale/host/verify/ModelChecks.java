package dev.tokenscale.host.verify;

import dev.tokenscale.api.AcceleratorSpec;
import dev.tokenscale.api.ExecutionModel;
import dev.tokenscale.api.Interconnect;
import dev.tokenscale.api.MemoryTier;
import dev.tokenscale.api.OpKind;
import dev.tokenscale.api.OpTiming;
import dev.tokenscale.api.Operation;
import dev.tokenscale.api.Precision;
import dev.tokenscale.host.engine.Accelerator;
import dev.tokenscale.host.units.Units;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Exercises an accelerator's {@link ExecutionModel} the way the engines will: a representative set of operations
 * (every {@link OpKind}, small and large, on every memory tier, link and declared precision) must give finite,
 * positive times, the same answer twice, the same answer under concurrent calls, and fast enough for engines that
 * evaluate millions of operations per comparison.
 */
public final class ModelChecks {

    /** Threads that call the model at once in the thread-safety check. */
    public static final int THREADS = 8;
    /** Calls each thread makes in the thread-safety check. */
    public static final int CALLS_PER_THREAD = 2_000;
    /** Slowest acceptable single-threaded rate, operations per second. */
    public static final double MIN_RATE = 1e6;
    private static final long WARMUP_NANOS = 50_000_000L;
    private static final long RATE_NANOS = 150_000_000L;
    private static final long WINDOW_NANOS = 2_000_000L;
    /** Keeps the JIT from dropping the timed calls. */
    private static volatile double blackhole;

    private ModelChecks() {
    }

    /** Four checks: finite positive times, deterministic, thread-safe, fast enough (with the measured rate). */
    public static List<Check> check(Accelerator accelerator) {
        String prefix = "model " + accelerator.id() + ": ";
        ExecutionModel model = accelerator.model();
        List<Operation> ops = representativeOperations(accelerator.spec());
        List<Check> checks = new ArrayList<>();
        OpTiming[] reference = new OpTiming[ops.size()];
        for (int i = 0; i < ops.size(); i++) {
            Operation op = ops.get(i);
            try {
                reference[i] = model.time(op);
            } catch (RuntimeException e) {
                checks.add(Check.fail(prefix + "finite positive times", describe(op) + ": threw " + e));
                return skipRest(checks, prefix, "the model throws");
            }
            String problem = problem(reference[i]);
            if (problem != null) {
                checks.add(Check.fail(prefix + "finite positive times", describe(op) + ": " + problem));
                return skipRest(checks, prefix, "the model returns invalid times");
            }
        }
        checks.add(Check.pass(prefix + "finite positive times", ops.size() + " operations, "
                + Units.si(min(reference), "s") + " to " + Units.si(max(reference), "s")));
        for (int i = 0; i < ops.size(); i++) {
            OpTiming again = model.time(ops.get(i));
            if (!again.equals(reference[i])) {
                checks.add(Check.fail(prefix + "deterministic", describe(ops.get(i)) + ": " + reference[i].seconds()
                        + " s, then " + again.seconds() + " s for the same operation"));
                checks.add(Check.skip(prefix + "thread-safe", "not judged: the model is not deterministic"));
                checks.add(rate(prefix, model, ops));
                return checks;
            }
        }
        checks.add(Check.pass(prefix + "deterministic", "the same " + ops.size() + " answers twice"));
        checks.add(threadSafe(prefix, model, ops, reference));
        checks.add(rate(prefix, model, ops));
        return checks;
    }

    private static List<Check> skipRest(List<Check> checks, String prefix, String reason) {
        for (String name : List.of("deterministic", "thread-safe", "fast enough")) {
            checks.add(Check.skip(prefix + name, "not judged: " + reason));
        }
        return checks;
    }

    private static String problem(OpTiming timing) {
        if (timing == null) {
            return "returned null";
        }
        if (!Double.isFinite(timing.seconds()) || timing.seconds() <= 0) {
            return "seconds = " + timing.seconds() + "; expected a finite value above zero";
        }
        double[] terms = {timing.memorySeconds(), timing.computeSeconds(), timing.latencySeconds()};
        for (double term : terms) {
            if (!Double.isFinite(term) || term < 0) {
                return "a term is " + term + "; memory, compute and latency seconds must be finite and >= 0";
            }
        }
        double occupancy = timing.occupancySeconds();
        if (!Double.isFinite(occupancy) || occupancy < 0 || occupancy > timing.seconds()) {
            return "occupancy is " + occupancy + "; expected a finite value from 0 to seconds (" + timing.seconds()
                    + ")";
        }
        return timing.bound() == null ? "bound is null" : null;
    }

    private static Check threadSafe(String prefix, ExecutionModel model, List<Operation> ops, OpTiming[] reference) {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Future<String>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int offset = t;
                results.add(pool.submit(() -> {
                    start.await();
                    for (int call = 0; call < CALLS_PER_THREAD; call++) {
                        int i = (call + offset) % ops.size();
                        OpTiming timing;
                        try {
                            timing = model.time(ops.get(i));
                        } catch (RuntimeException e) {
                            return describe(ops.get(i)) + ": threw " + e + " under concurrent calls";
                        }
                        if (!reference[i].equals(timing)) {
                            return describe(ops.get(i)) + ": " + (timing == null ? null : timing.seconds())
                                    + " s under concurrent calls, " + reference[i].seconds() + " s alone";
                        }
                    }
                    return null;
                }));
            }
            for (Future<String> result : results) {
                String problem = result.get();
                if (problem != null) {
                    return Check.fail(prefix + "thread-safe", problem);
                }
            }
        } catch (Exception e) {
            return Check.fail(prefix + "thread-safe", "the concurrent run failed: " + e);
        } finally {
            pool.shutdownNow();
        }
        return Check.pass(prefix + "thread-safe", THREADS + " threads x " + CALLS_PER_THREAD
                + " concurrent calls gave the single-threaded answers");
    }

    /**
     * Calls per second of one thread's CPU time: the best of many short windows after a warm-up, counted in the
     * thread's own CPU time so that a busy machine (preemption, other processes) does not count against the model.
     */
    private static Check rate(String prefix, ExecutionModel model, List<Operation> ops) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double sink = 0;
        double best = 0;
        try {
            long start = threads.getCurrentThreadCpuTime();
            while (threads.getCurrentThreadCpuTime() - start < WARMUP_NANOS) {
                for (Operation op : ops) {
                    sink += model.time(op).seconds();
                }
            }
            while (threads.getCurrentThreadCpuTime() - start < WARMUP_NANOS + RATE_NANOS) {
                long windowStart = threads.getCurrentThreadCpuTime();
                long calls = 0;
                long elapsed;
                do {
                    for (Operation op : ops) {
                        sink += model.time(op).seconds();
                    }
                    calls += ops.size();
                    elapsed = threads.getCurrentThreadCpuTime() - windowStart;
                } while (elapsed < WINDOW_NANOS);
                best = Math.max(best, calls / (elapsed / 1e9));
            }
        } catch (RuntimeException e) {
            return Check.fail(prefix + "fast enough", "threw " + e);
        }
        blackhole = sink;
        String detail = String.format(Locale.ROOT, "%,.0f ops/s on one thread (at least %,.0f required)", best,
                MIN_RATE);
        return best >= MIN_RATE ? Check.pass(prefix + "fast enough", detail) : Check.fail(prefix + "fast enough", detail);
    }

    /** Every operation kind, small and large, on every tier, link and declared precision of the spec. */
    static List<Operation> representativeOperations(AcceleratorSpec spec) {
        List<Operation> ops = new ArrayList<>();
        for (Precision precision : spec.compute().keySet().stream().sorted().toList()) {
            for (MemoryTier tier : spec.memory()) {
                String on = tier.name();
                // One token through a 1k x 1k projection; 8k tokens through an 8k x 8k one.
                ops.add(new Operation(OpKind.GEMM, "small", 2.0 * 1024 * 1024, 2.0 * 1024 * 1024, on, precision, 1));
                ops.add(new Operation(OpKind.GEMM, "large", 2.0 * 8192 * 8192 * 8192, 1.4e8, on, precision, 1));
                ops.add(new Operation(OpKind.GROUPED_GEMM, "small", 4.0 * 2880 * 2880, 2.0 * 2880 * 2880, on,
                        precision, 1));
                ops.add(new Operation(OpKind.GROUPED_GEMM, "large", 2.0 * 4096 * 2880 * 2880 * 4, 32 * 1.7e7, on,
                        precision, 32));
                // One sequence at 1k context; 64 sequences at 128k context.
                ops.add(new Operation(OpKind.ATTENTION, "small", 4.0 * 1024 * 4096, 1024 * 1024, on, precision, 1));
                ops.add(new Operation(OpKind.ATTENTION, "large", 64 * 4.0 * 131072 * 4096, 64 * 131072 * 8192.0, on,
                        precision, 1));
                ops.add(new Operation(OpKind.ELEMENTWISE, "small", 8192, 16384, on, precision, 1));
                ops.add(new Operation(OpKind.ELEMENTWISE, "large", 5e8, 1e9, on, precision, 1));
            }
        }
        Precision any = spec.compute().keySet().stream().sorted().findFirst().orElse(Precision.BF16);
        for (Interconnect link : spec.interconnects()) {
            int devices = (int) Math.max(2, Math.min(8, link.domainSize().value()));
            for (OpKind kind : List.of(OpKind.ALL_REDUCE, OpKind.ALL_TO_ALL, OpKind.TRANSFER)) {
                int groups = kind == OpKind.TRANSFER ? 1 : devices;
                ops.add(new Operation(kind, "small", 0, 8192, link.name(), any, groups));
                ops.add(new Operation(kind, "large", 0, 1e9, link.name(), any, groups));
            }
        }
        return ops;
    }

    private static String describe(Operation op) {
        return op.kind() + " " + op.name() + " " + op.precision().name().toLowerCase(Locale.ROOT) + " on "
                + op.resource();
    }

    private static double min(OpTiming[] timings) {
        double min = Double.MAX_VALUE;
        for (OpTiming t : timings) {
            min = Math.min(min, t.seconds());
        }
        return min;
    }

    private static double max(OpTiming[] timings) {
        double max = 0;
        for (OpTiming t : timings) {
            max = Math.max(max, t.seconds());
        }
        return max;
    }
}
