package dev.tokenscale.host.engine;

import java.util.List;

/**
 * Where a published (interactivity, throughput) point falls against a frontier: the throughput the frontier gives
 * at the published interactivity, and the factor between the two.
 */
public final class FrontierFit {

    private FrontierFit() {
    }

    /**
     * Input plus output tokens per chip per second the frontier gives at {@code tokensPerUser}: interpolated
     * between the two points around it, linearly in the logarithms of both (frontiers are close to straight lines
     * on log-log axes); below the frontier's slowest point, that point's throughput (serving slower gains nothing
     * more); NaN beyond its fastest point, which the system cannot reach.
     */
    public static double totalTokensPerChipAt(Curve curve, double tokensPerUser) {
        List<OperatingPoint> frontier = curve.frontier();
        if (frontier.isEmpty() || tokensPerUser > curve.maxInteractivity()) {
            return Double.NaN;
        }
        OperatingPoint slowest = frontier.get(0);
        if (tokensPerUser <= slowest.tokensPerUserPerSecond()) {
            return slowest.totalTokensPerChipPerSecond();
        }
        for (int i = 1; i < frontier.size(); i++) {
            OperatingPoint low = frontier.get(i - 1);
            OperatingPoint high = frontier.get(i);
            if (tokensPerUser <= high.tokensPerUserPerSecond()) {
                double t = Math.log(tokensPerUser / low.tokensPerUserPerSecond())
                        / Math.log(high.tokensPerUserPerSecond() / low.tokensPerUserPerSecond());
                return Math.exp((1 - t) * Math.log(low.totalTokensPerChipPerSecond())
                        + t * Math.log(high.totalTokensPerChipPerSecond()));
            }
        }
        return frontier.get(frontier.size() - 1).totalTokensPerChipPerSecond();
    }

    /** The factor between a prediction and a published figure, max(p/q, q/p); infinite when nothing is predicted. */
    public static double factor(double predicted, double published) {
        if (!(predicted > 0)) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.max(predicted / published, published / predicted);
    }
}
