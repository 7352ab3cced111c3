package dev.tokenscale.host.engine;

import dev.tokenscale.api.ModelArchitecture;
import dev.tokenscale.host.engine.OperatingPoint.Request;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Sweeps batch sizes and placements and keeps the Pareto frontier of (tokens per user per second, tokens per chip
 * per second). Batches double from 1; at each, every feasible placement that {@link PlacementSearch} finds is served
 * co-located and, where the system can send KV caches between instances, disaggregated ({@link Serving}), each an
 * operating point. Decode steps are timed at a request's average context, prompt + output / 2 (the KV cache is
 * paged, so memory holds what the sequences have on average). The sweep stops at the memory limit (no placement
 * fits), at {@link #MAX_BATCH}, or when throughput per chip has saturated: two doublings in a row that raise the
 * batch's best by less than {@link #SATURATION}, since beyond that larger batches only cost interactivity.
 */
public final class Curves {

    /** The largest batch swept. */
    public static final int MAX_BATCH = 1 << 16;
    /** A doubling of the batch that raises the best throughput per chip by less than this fraction gains nothing. */
    public static final double SATURATION = 0.02;

    private Curves() {
    }

    /**
     * Limits on the deployments swept.
     *
     * @param maxDevices most devices a deployment may use, both pools counted
     * @param maxBatch   most sequences a deployment may serve at once
     */
    public record Limits(int maxDevices, int maxBatch) {
        /** Up to 4,096 devices and {@link #MAX_BATCH} sequences. */
        public static final Limits NONE = new Limits(PlacementSearch.Constraints.NONE.maxDevices(), MAX_BATCH);

        public Limits {
            if (maxDevices < 1 || maxBatch < 1) {
                throw new IllegalArgumentException("limits must be 1 or more: " + maxDevices + ", " + maxBatch);
            }
        }
    }

    /**
     * The curves of one model on several kinds of hardware, in their order, swept in parallel; {@code done} hears of
     * each curve as it is finished (from any thread).
     *
     * @param speculation speculative decoding, or {@code null}
     */
    public static List<Curve> sweep(ModelArchitecture m, List<Accelerator> accelerators, Workload base,
                                    Economics economics, Speculation speculation, Limits limits,
                                    Consumer<Curve> done) {
        return accelerators.parallelStream().map(a -> {
            Curve curve = sweep(m, a, base, economics, speculation, limits);
            done.accept(curve);
            return curve;
        }).toList();
    }

    /** The curve of one model on one kind of hardware without speculation or limits. */
    public static Curve sweep(ModelArchitecture m, Accelerator a, Workload base, Economics economics) {
        return sweep(m, a, base, economics, null, Limits.NONE);
    }

    /**
     * The curve of one model on one kind of hardware; {@code base} gives the request (its context is prompt +
     * output) and the precisions.
     *
     * @param speculation speculative decoding, or {@code null}
     */
    public static Curve sweep(ModelArchitecture m, Accelerator a, Workload base, Economics economics,
                              Speculation speculation, Limits limits) {
        Request request = Request.of(base);
        Workload timed = new Workload(1, request.averageContextTokens(), request.promptTokens(), base.weights(),
                base.experts(), base.kv());
        Map<String, Optional<Serving.PrefillPool>> pools = new HashMap<>();
        Map<Shape, Integer> fills = new HashMap<>();
        List<OperatingPoint> points = new ArrayList<>();
        String limitedBy = null;
        String problem = null;
        double best = 0;
        int flat = 0;
        int largest = 0;
        int swept = 0;
        PlacementSearch.Constraints constraints = new PlacementSearch.Constraints(limits.maxDevices(), 0);
        for (int batch = 1; batch <= limits.maxBatch() && flat < 2; batch = next(batch, limits.maxBatch())) {
            Workload w = timed.withBatch(batch);
            PlacementSearch.Result result = PlacementSearch.search(m, a, w, PlacementSearch.Objective.INTERACTIVITY,
                    constraints, economics, fills);
            if (result.ranked().isEmpty()) {
                problem = batch == 1 ? result.problem() : null;
                break;
            }
            largest = batch;
            double bestHere = 0;
            for (PlacementSearch.Candidate c : result.ranked()) {
                swept++;
                Placement p = c.placement();
                Serving serving = Serving.of(m, a, w, c, request, speculation);
                // Prefill only lowers both speeds: a placement whose plain decoding steps a kept point already
                // matches can never reach the frontier, so its deployments are not worth timing.
                double[] bound = serving.decodeBound();
                if (dominated(points, bound[0], bound[1])) {
                    continue;
                }
                List<Serving.Served> deployments = new ArrayList<>();
                Serving.Served colocated = serving.colocated();
                deployments.add(colocated);
                // Disaggregation is shown where it wins: more tokens per chip than prefill on the decode instances.
                pools.computeIfAbsent(p.label(), label -> Serving.prefillPool(m, a, w, p, request))
                        .flatMap(pool -> serving.disaggregated(pool, limits))
                        .filter(split -> split.outputPerSecond() / split.devices()
                                > colocated.outputPerSecond() / colocated.devices())
                        .ifPresent(deployments::add);
                for (Serving.Served served : deployments) {
                    OperatingPoint point = OperatingPoint.of(a, economics, p, request, served);
                    points.add(point);
                    bestHere = Math.max(bestHere, point.tokensPerChipPerSecond());
                }
            }
            if (batch == 1) {
                limitedBy = Estimator.estimate(m, a, w, result.ranked().get(0).placement(), null, List.of())
                        .limitedBy();
            }
            flat = bestHere < best * (1 + SATURATION) ? flat + 1 : 0;
            best = Math.max(best, bestHere);
        }
        return Curve.of(a, economics, frontier(points), swept, largest, limitedBy, problem);
    }

    /** The next batch: doubled, or the limit itself when doubling would pass it. */
    private static int next(int batch, int limit) {
        return batch == limit ? limit + 1 : Math.min(2 * batch, limit);
    }

    private static boolean dominated(List<OperatingPoint> points, double tokensPerUser, double tokensPerChip) {
        for (OperatingPoint p : points) {
            if (p.tokensPerUserPerSecond() >= tokensPerUser && p.tokensPerChipPerSecond() >= tokensPerChip) {
                return true;
            }
        }
        return false;
    }

    /**
     * The points that no other point beats on both tokens per user and tokens per chip per second, by rising
     * interactivity; of equal points the one with fewer devices, then the smaller batch, is kept.
     */
    public static List<OperatingPoint> frontier(List<OperatingPoint> points) {
        List<OperatingPoint> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingDouble(OperatingPoint::tokensPerUserPerSecond).reversed()
                .thenComparing(Comparator.comparingDouble(OperatingPoint::tokensPerChipPerSecond).reversed())
                .thenComparingInt(OperatingPoint::devices)
                .thenComparingInt(OperatingPoint::batch));
        List<OperatingPoint> frontier = new ArrayList<>();
        double bestThroughput = Double.NEGATIVE_INFINITY;
        for (OperatingPoint point : sorted) {
            if (point.tokensPerChipPerSecond() > bestThroughput) {
                frontier.add(0, point);
                bestThroughput = point.tokensPerChipPerSecond();
            }
        }
        return frontier;
    }
}
