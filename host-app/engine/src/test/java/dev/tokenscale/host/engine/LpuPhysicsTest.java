package dev.tokenscale.host.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenscale.api.ModelArchitecture;
import dev.tokenscale.api.Precision;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The LPU family's chips per model and per-layer latency, from the real specs and catalog models. */
class LpuPhysicsTest {

    private static final ModelArchitecture LLAMA_8B = Catalog.model("llama-3.1-8b");
    private static final ModelArchitecture LLAMA_70B = Catalog.model("llama-3.1-70b");

    private static int fewestChips(ModelArchitecture m, Accelerator a, Precision weights) {
        Workload w = Workload.of(m, 1, 8192, 1024).withWeights(weights);
        int fewest = Integer.MAX_VALUE;
        for (int tp : PlacementSearch.tensorParallelOptions(a.spec(), 4096)) {
            int stages = Placements.minimumStages(m, a, w, tp, 1);
            if (stages > 0) {
                fewest = Math.min(fewest, stages * tp);
            }
        }
        return fewest;
    }

    /**
     * Llama-2-70B ran on 576 LPU v1 chips (9 racks of 64): 576 x 230 MB = 132 GB, less than the 141 GB of 16-bit
     * weights, so it ran at 8 bits. Llama-3.1-70B (the same layers, a larger vocabulary) at 8 bits fits that many
     * chips; at 16 bits it does not.
     */
    @Test
    void a70bModelFitsTheChipsGroqUsedAt8BitsAndNotAt16() {
        Accelerator v1 = Catalog.hardware("groq-lpu-v1");
        assertTrue(fewestChips(LLAMA_70B, v1, Precision.INT8) <= 576);
        assertTrue(fewestChips(LLAMA_70B, v1, Precision.BF16) > 576);
    }

    /**
     * Four SRAM layers bonded on the logic die hold 4,580 MB against an LP30's 500 MB: the same model needs about
     * 9.2x fewer chips (whole layers per stage round each count up).
     */
    @Test
    void stackedLayersCutTheChipsAModelNeedsByTheirCapacity() {
        int planar = fewestChips(LLAMA_70B, Catalog.hardware("groq-lp30"), Precision.INT8);
        int stacked = fewestChips(LLAMA_70B, Catalog.hardware("stacked-sram-4layer"), Precision.INT8);
        assertEquals(4580.0 / 500, (double) planar / stacked, 0.25 * 4580 / 500, planar + " vs " + stacked);
    }

    /**
     * Groq ran Llama-2-7B at 750 tok/s and Llama-2-70B at 300, 41.7 us per layer both: on a compiler-scheduled LPU
     * a layer's time is its ops' stage latencies and hops, not its width. The model keeps the 8B's and the 70B's
     * layers within 15% of each other.
     */
    @Test
    void aLayerTakesAboutTheSameTimeWhateverItsWidth() {
        Accelerator v1 = Catalog.hardware("groq-lpu-v1");
        double small = secondsPerLayer(LLAMA_8B, v1);
        double large = secondsPerLayer(LLAMA_70B, v1);
        assertEquals(1, large / small, 0.15, small + " s vs " + large + " s per layer");
    }

    private static double secondsPerLayer(ModelArchitecture m, Accelerator a) {
        Workload w = Workload.of(m, 1, 8192, 1024).withWeights(Precision.INT8);
        Placement fastest = PlacementSearch.search(m, a, w, PlacementSearch.Objective.INTERACTIVITY,
                PlacementSearch.Constraints.NONE, Economics.DEFAULT).ranked().get(0).placement();
        return Estimator.estimate(m, a, w, fastest, null, List.of()).stepSeconds() / m.layers();
    }
}
