package dev.tokenscale.host.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenscale.api.LinkScope;
import dev.tokenscale.api.ModelArchitecture;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The greedy cut of a placement's layers, which looks up once per profile how far a stage can reach in memory,
 * against the cut that asks the memory check layer by layer: the same stages for every built-in system, catalog
 * model, tensor-parallel width, batch and time target.
 */
class ProfileCutTest {

    @Test
    void cutsEqualTheLayerByLayerCut() {
        Random random = new Random(14);
        int compared = 0;
        int feasible = 0;
        for (Accelerator a : Catalog.accelerators()) {
            String link = a.spec().interconnects().stream().filter(l -> l.scope() != LinkScope.SCALE_OUT)
                    .map(l -> l.name()).findFirst().orElse("");
            for (ModelArchitecture m : Catalog.models().values()) {
                for (int tp : link.isEmpty() ? List.of(1) : List.of(1, 8)) {
                    for (int batch : List.of(1, 64, 1024)) {
                        Workload w = Workload.of(m, batch, 8192, 1024);
                        Placements.Profile profile = new Placements.Profile(m, a, w, tp, 1, tp == 1 ? "" : link, 1,
                                true, true);
                        double total = 0;
                        for (int i = 0; i < m.layers(); i++) {
                            total += profile.seconds(i);
                        }
                        List<Double> targets = new ArrayList<>(List.of(Double.POSITIVE_INFINITY, total));
                        for (int k = 0; k < 12; k++) {
                            targets.add(total * random.nextDouble() * 0.5);
                        }
                        for (double target : targets) {
                            for (int maxStages : List.of(1, 4, m.layers(), Integer.MAX_VALUE)) {
                                List<int[]> fast = profile.cut(target, maxStages);
                                List<int[]> plain = layerByLayer(profile, m.layers(), target, maxStages);
                                assertEquals(describe(plain), describe(fast), a.id() + " " + m.id() + " tp=" + tp
                                        + " batch=" + batch + " target=" + target + " stages=" + maxStages);
                                compared++;
                                feasible += fast == null ? 0 : 1;
                            }
                        }
                    }
                }
            }
        }
        assertTrue(feasible > 1000 && compared - feasible > 1000, compared + " cuts, " + feasible + " feasible");
    }

    /** The cut as first written: close a stage when the next layer passes the time or no longer fits. */
    private static List<int[]> layerByLayer(Placements.Profile profile, int layers, double target, int maxStages) {
        List<int[]> ranges = new ArrayList<>();
        int first = 0;
        double time = 0;
        for (int i = 0; i < layers; i++) {
            if (i > first && (time + profile.seconds(i) > target || !profile.fits(first, i + 1))) {
                if (!profile.fits(first, i)) {
                    return null;
                }
                ranges.add(new int[] {first, i});
                if (ranges.size() >= maxStages) {
                    return null;
                }
                first = i;
                time = 0;
            }
            time += profile.seconds(i);
        }
        if (!profile.fits(first, layers)) {
            return null;
        }
        ranges.add(new int[] {first, layers});
        return ranges;
    }

    private static String describe(List<int[]> ranges) {
        return ranges == null ? "null" : ranges.stream().map(Arrays::toString).toList().toString();
    }
}
