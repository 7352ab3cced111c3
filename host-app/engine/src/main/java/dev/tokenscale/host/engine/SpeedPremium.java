package dev.tokenscale.host.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The speed-premium question ("2.5x the speed for 6x the price: does the price cover the cost?"): a standard
 * operating point, the cheapest frontier point giving at least the standard interactivity (on one named system, or
 * on whichever is cheapest), and for every system the cheapest point giving at least the fast interactivity, with
 * its speedup over the standard and the price ratio that just covers its cost (its $/Mtok over the standard's).
 * On the standard's own system the fast point is the same hardware at a smaller batch.
 *
 * @param standardInteractivity the standard mode's tokens per user per second
 * @param fastInteractivity     the fast mode's tokens per user per second
 * @param standard              the standard point, or null when no system reaches it
 * @param fast                  one option per system, cheapest first, unreachable ones last
 */
public record SpeedPremium(double standardInteractivity, double fastInteractivity, Option standard,
                           List<Option> fast) {

    public SpeedPremium {
        fast = List.copyOf(fast);
    }

    /**
     * One system's point for a mode.
     *
     * @param hardware   hardware id
     * @param point      the cheapest point at the mode's interactivity, or null when unreachable
     * @param speedup    its interactivity over the standard's, or null
     * @param priceRatio its $/Mtok over the standard's: the price multiple that covers its cost, or null
     */
    public record Option(String hardware, OperatingPoint point, Double speedup, Double priceRatio) {
    }

    /**
     * The premium over these curves; {@code standardHardware} (or null for the cheapest system) fixes where the
     * standard mode runs.
     */
    public static SpeedPremium of(List<Curve> curves, double standardInteractivity, double fastInteractivity,
                                  String standardHardware) {
        Option standard = curves.stream()
                .filter(c -> standardHardware == null || c.hardware().equals(standardHardware))
                .flatMap(c -> c.cheapestAtLeast(standardInteractivity)
                        .map(p -> new Option(c.hardware(), p, 1.0, 1.0)).stream())
                .min(Comparator.comparingDouble(o -> o.point().costPerMillionTokensUsd())).orElse(null);
        List<Option> fast = new ArrayList<>();
        for (Curve curve : curves) {
            Optional<OperatingPoint> point = curve.cheapestAtLeast(fastInteractivity);
            fast.add(point.map(p -> standard == null ? new Option(curve.hardware(), p, null, null)
                    : new Option(curve.hardware(), p,
                    p.tokensPerUserPerSecond() / standard.point().tokensPerUserPerSecond(),
                    p.costPerMillionTokensUsd() / standard.point().costPerMillionTokensUsd()))
                    .orElse(new Option(curve.hardware(), null, null, null)));
        }
        fast.sort(Comparator.comparing((Option o) -> o.point() == null)
                .thenComparingDouble(o -> o.point() == null ? 0 : o.point().costPerMillionTokensUsd()));
        return new SpeedPremium(standardInteractivity, fastInteractivity, standard, fast);
    }
}
