package dev.tokenscale.host.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenscale.api.Interconnect;
import dev.tokenscale.api.LinkScope;
import dev.tokenscale.api.ModelArchitecture;
import dev.tokenscale.host.engine.Estimate.BreakdownLine;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The wafer family's properties and the seed's claims about wafers, from the real CS-3 spec and catalog models:
 * they must come out of the mesh model, not be asserted beside it.
 */
class WaferPhysicsTest {

    private static final Accelerator CS3 = Catalog.hardware("cerebras-cs3");
    private static final ModelArchitecture LLAMA_8B = Catalog.model("llama-3.1-8b");
    private static final ModelArchitecture LLAMA_70B = Catalog.model("llama-3.1-70b");
    private static final double OP_OVERHEAD = CS3.spec().parameter("opOverhead", Double.NaN);

    private static Workload batch1(ModelArchitecture m, long context) {
        return Workload.of(m, 1, context, 1024);
    }

    private static Placement pipeline(ModelArchitecture m, Workload w, int wafers, int microBatches) {
        Placements.Built built = Placements.build(m, CS3, w, wafers, 1, 1, microBatches);
        assertTrue(built.placement() != null, String.valueOf(built.problem()));
        return built.placement();
    }

    private static Estimate estimate(ModelArchitecture m, Workload w, Placement p) {
        return Estimator.estimate(m, CS3, w, p, null, List.of());
    }

    /** Seconds of one layer at batch 1, above its matrix ops' fixed overhead (the part the mesh decides). */
    private static double layerMeshSeconds(ModelArchitecture m) {
        Shard oneLayer = new Shard(0, 1, false, false, 1, 1, "sram", "sram", null, 0, null);
        List<OpCost> ops = StepTime.explain(m, CS3, batch1(m, 8192), oneLayer, Pass.decode(1, 8192));
        long matrixOps = ops.stream().filter(c -> c.timing().latencySeconds() > 0).count();
        return StepTime.total(ops) - matrixOps * OP_OVERHEAD;
    }

    /**
     * The bound: Llama-3.1-70B's layer is twice as wide as Llama-3.1-8B's in every matrix dimension (8,192 vs
     * 4,096, FFN 28,672 vs 14,336), so its matrices hold four times the weights. A reduction across a twice wider
     * region needs twice the hops: the layer's time above its fixed overheads may grow at most 2x. Regions free to
     * grow give (4)^(1/3) = 1.59x.
     */
    @Test
    void aTwiceWiderLayerCostsAtMostTwiceTheMeshTimeAtBatchOne() {
        double narrow = layerMeshSeconds(LLAMA_8B);
        double wide = layerMeshSeconds(LLAMA_70B);
        assertTrue(wide > narrow, "a wider layer is not faster");
        assertTrue(wide <= 2 * narrow, wide + " s > 2 x " + narrow + " s");
    }

    @Test
    void addingWafersToAPipelineNeverLowersTheHopTime() {
        Workload w = batch1(LLAMA_70B, 8192);
        double previous = 0;
        double perHop = 0;
        for (int wafers = 4; wafers <= 16; wafers++) {
            Estimate.HopView hops = estimate(LLAMA_70B, w, pipeline(LLAMA_70B, w, wafers, 1)).placement().hops();
            assertEquals(wafers - 1, hops.count());
            assertTrue(hops.latencySeconds() >= previous, wafers + " wafers: " + hops.latencySeconds() + " < " + previous);
            if (perHop > 0) {
                assertEquals(perHop, hops.latencySeconds() / hops.count(), 1e-12, "every hop costs the same");
            }
            perHop = hops.latencySeconds() / hops.count();
            previous = hops.latencySeconds();
        }
    }

    /**
     * One wafer serving Llama-3.1-8B at a 1,024-token context, each sequence its own micro-batch: a token takes the
     * path through every layer's regions, and a region takes a new micro-batch as soon as it is free, so
     * throughput rises with the batch until the micro-batches in flight keep the busiest region busy, then stays
     * at one token per busy interval.
     */
    @Test
    void throughputPerWaferRisesWithBatchUntilTheInWaferPipelineIsFullThenFlattens() {
        Workload one = Workload.of(LLAMA_8B, 1, 1024, 1024);
        int fill = Estimator.pipelineFill(LLAMA_8B, CS3, one, pipeline(LLAMA_8B, one, 1, 1));
        assertTrue(fill >= 8 && fill <= 64, "micro-batches a wafer holds in flight: " + fill);
        double previous = Double.NaN;
        for (int batch = 1; batch <= 4 * fill; batch *= 2) {
            Workload w = Workload.of(LLAMA_8B, batch, 1024, 1024);
            double perChip = Estimator.speeds(LLAMA_8B, CS3, w, pipeline(LLAMA_8B, w, 1, batch))[1];
            if (batch > 1 && batch <= fill) {
                assertEquals(2 * previous, perChip, 1e-9 * perChip, "below the fill, batch " + batch);
            }
            if (batch > 2 * fill) {
                assertEquals(previous, perChip, 1e-9 * perChip, "past the fill, batch " + batch);
            }
            assertTrue(batch == 1 || perChip >= previous * (1 - 1e-12), "batch " + batch);
            previous = perChip;
        }
    }

    private static ModelArchitecture twiceTheLayers(ModelArchitecture m) {
        return new ModelArchitecture(m.id() + "-x2", m.name() + " x2", m.description(), m.source(), 2 * m.layers(),
                m.hiddenSize(), m.vocabSize(), m.tiedEmbeddings(), m.maxContext(), m.attention(), m.ffn(),
                m.precision(), null);
    }

    private static double layerSeconds(Estimate e) {
        return e.breakdown().stream().filter(l -> l.stage() >= 0 && !l.group().equals(StepOps.PER_STEP))
                .mapToDouble(BreakdownLine::totalSeconds).sum();
    }

    /**
     * The island problem: Llama-3.1-70B fills four CS-3, a model of twice its layers fills eight. Per layer nothing
     * changes, so the larger model pays twice the layers plus the hops its extra wafers add: 7 hops instead of 3.
     */
    @Test
    void aModelTwiceAsLargeOnTwiceTheWafersIsSlowerPerUserByTheAddedHops() {
        ModelArchitecture doubled = twiceTheLayers(LLAMA_70B);
        Workload w = batch1(LLAMA_70B, 8192);
        Estimate base = estimate(LLAMA_70B, w, pipeline(LLAMA_70B, w, 4, 1));
        Estimate large = estimate(doubled, batch1(doubled, 8192), pipeline(doubled, batch1(doubled, 8192), 8, 1));
        assertEquals(2 * layerSeconds(base), layerSeconds(large), 1e-9 * layerSeconds(large));
        double hop = base.placement().hops().latencySeconds() / 3;
        assertEquals(7 * hop, large.placement().hops().latencySeconds(), 1e-12);
        assertEquals(base.stepSeconds() + layerSeconds(base) + 4 * hop, large.stepSeconds(),
                1e-9 * large.stepSeconds());
        assertTrue(large.tokensPerUserPerSecond() < base.tokensPerUserPerSecond() / 2);
    }

    /**
     * A trillion-parameter MoE (Kimi K2, 1.03T) at a million-token context: its weights need about thirty CS-3 and
     * its KV cache (70 GB per sequence) more; however it is placed, it stays below 1,000 tokens/s/user.
     */
    @Test
    void aTrillionParameterMoeAtAMillionTokenContextStaysBelow1000TokensPerSecondPerUser() {
        ModelArchitecture kimi = Catalog.model("kimi-k2");
        Workload w = batch1(kimi, 1_000_000);
        PlacementSearch.Result result = PlacementSearch.search(kimi, CS3, w, PlacementSearch.Objective.INTERACTIVITY,
                PlacementSearch.Constraints.NONE, Economics.DEFAULT);
        assertTrue(result.ranked().size() > 0, result.problem());
        PlacementSearch.Candidate fastest = result.ranked().get(0);
        assertTrue(fastest.placement().devices() >= 30, fastest.placement().label());
        assertTrue(fastest.tokensPerUser() < 1000, fastest.tokensPerUser() + " tok/s/user");
    }

    @Test
    void aWafersSystemIoIsOneSixthOfOneBlackwellGpusNvlink() {
        double systemIo = link("cerebras-cs3", LinkScope.SCALE_OUT).bandwidth().value();
        double nvlink5 = link("nvidia-b200", LinkScope.SCALE_UP).bandwidth().value();
        assertEquals(150e9, systemIo, 1);
        assertEquals(900e9, nvlink5, 1);
        assertEquals(6, nvlink5 / systemIo, 1e-12);
    }

    private static Interconnect link(String hardware, LinkScope scope) {
        return Catalog.hardware(hardware).spec().interconnect(scope).orElseThrow();
    }

    /**
     * KV where it lives: Llama-3.1-70B on four CS-3 keeps an 8k context's KV cache beside the weights; at 128k the
     * cache no longer fits, the rest goes to the off-wafer store behind the 150 GB/s system I/O, and reading it
     * there is what binds (each spilled byte over 150 GB/s); the placement search instead takes more wafers to keep
     * it on-wafer.
     */
    @Test
    void longContextsMoveTheKvCacheOffTheWaferAndThatBindsUnlessMoreWafersHoldIt() {
        Workload shortContext = batch1(LLAMA_70B, 8192);
        assertEquals(0, pipeline(LLAMA_70B, shortContext, 4, 1).stages().get(0).kvSpillShare());
        Workload longContext = batch1(LLAMA_70B, 131_072);
        Placement four = pipeline(LLAMA_70B, longContext, 4, 1);
        assertTrue(four.stages().get(0).kvSpillShare() > 0.5, "most of a 128k cache spills from four wafers");
        Estimate spilled = estimate(LLAMA_70B, longContext, four);
        assertTrue(spilled.limitedBy().startsWith("memory: kv-storage"), spilled.limitedBy());
        double spilledBytes = spilled.breakdown().stream().filter(l -> l.resource().equals("kv-storage"))
                .mapToDouble(l -> l.bytes() * l.count()).sum();
        assertTrue(spilled.stepSeconds() > spilledBytes / 150e9, "every spilled byte crosses the system I/O");
        PlacementSearch.Candidate fastest = PlacementSearch.search(LLAMA_70B, CS3, longContext,
                PlacementSearch.Objective.INTERACTIVITY, PlacementSearch.Constraints.NONE, Economics.DEFAULT)
                .ranked().get(0);
        assertTrue(fastest.placement().stages().stream().allMatch(s -> s.kvSpillShare() == 0),
                fastest.placement().label());
        assertTrue(fastest.tokensPerUser() > 100 * spilled.tokensPerUserPerSecond());
    }
}
