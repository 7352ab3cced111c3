package dev.tokenscale.host.engine;

import dev.tokenscale.api.ModelArchitecture;
import dev.tokenscale.host.engine.OperatingPoint.Request;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Sweeps batch sizes and placements and keeps the Pareto frontier of (tokens per user per second, tokens per chip
 * per second). Batches double from 1; at each, every feasible placement that {@link PlacementSearch} finds is an
 * operating point. The sweep stops at the memory limit (no placement fits), at {@link #MAX_BATCH}, or when
 * throughput per chip has saturated: two doublings in a row that raise the batch's best by less than
 * {@link #SATURATION}, since beyond that larger batches only cost interactivity.
 */
public final class Curves {

    /** The largest batch swept. */
    public static final int MAX_BATCH = 1 << 16;
    /** A doubling of the batch that raises the best throughput per chip by less than this fraction gains nothing. */
    public static final double SATURATION = 0.02;

    private Curves() {
    }

    /**
     * The curves of one model on several kinds of hardware, in their order, swept in parallel; {@code done} hears of
     * each curve as it is finished (from any thread).
     */
    public static List<Curve> sweep(ModelArchitecture m, List<Accelerator> accelerators, Workload base,
                                    Economics economics, Consumer<Curve> done) {
        return accelerators.parallelStream().map(a -> {
            Curve curve = sweep(m, a, base, economics);
            done.accept(curve);
            return curve;
        }).toList();
    }

    /** The curve of one model on one kind of hardware; {@code base} gives context, prompt and precisions. */
    public static Curve sweep(ModelArchitecture m, Accelerator a, Workload base, Economics economics) {
        Request request = Request.of(base);
        List<OperatingPoint> points = new ArrayList<>();
        String limitedBy = null;
        String problem = null;
        double best = 0;
        int flat = 0;
        int largest = 0;
        int swept = 0;
        for (int batch = 1; batch <= MAX_BATCH && flat < 2; batch *= 2) {
            Workload w = base.withBatch(batch);
            PlacementSearch.Result result = PlacementSearch.search(m, a, w, PlacementSearch.Objective.INTERACTIVITY,
                    PlacementSearch.Constraints.NONE, economics);
            if (result.ranked().isEmpty()) {
                problem = batch == 1 ? result.problem() : null;
                break;
            }
            largest = batch;
            double bestHere = 0;
            for (PlacementSearch.Candidate c : result.ranked()) {
                swept++;
                // Prefill only lowers both speeds: a candidate whose decode-only speeds a kept point already
                // matches can never reach the frontier, so its prefill is not worth timing.
                if (dominated(points, c.tokensPerUser(), c.tokensPerChip())) {
                    continue;
                }
                Placement p = c.placement();
                OperatingPoint point = OperatingPoint.of(a, economics, p, batch, request, 1 / c.tokensPerUser(),
                        Estimator.prefillSeconds(m, a, w, p));
                points.add(point);
                bestHere = Math.max(bestHere, point.tokensPerChipPerSecond());
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
