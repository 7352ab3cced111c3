package dev.tokenscale.host.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenscale.api.ModelArchitecture;
import dev.tokenscale.api.OpKind;
import dev.tokenscale.api.Operation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How production stacks split a mixture of experts, worked out by hand on the catalog's DeepSeek-V3 (61 layers,
 * MLA latent 512 + 64 rotary values a token and layer, hidden 7,168, 256 experts, top-8, FP8 weights, bf16 KV) and
 * Qwen3-32B on one H200.
 */
class ServingPhysicsTest {

    private static final ModelArchitecture DEEPSEEK = Catalog.model("deepseek-v3");
    private static final String TIER = "hbm";

    private static Shard stage(ModelArchitecture m, Shape shape) {
        return new Shard(0, m.layers(), true, true, shape, 1, TIER, TIER, null, 0,
                shape.devicesPerStage() > 1 ? "nvlink" : null);
    }

    private static List<Operation> moeLayer(Shape shape, int batch) {
        List<Operation> ops = new ArrayList<>();
        StepOps.emit(DEEPSEEK, Workload.of(DEEPSEEK, batch, 2048, 1024), stage(DEEPSEEK, shape),
                Pass.decode(batch, 2048), (group, count, op) -> {
                    if (group.equals(StepOps.MOE)) {
                        ops.add(op);
                    }
                });
        return ops;
    }

    private static Operation named(List<Operation> ops, String name) {
        return ops.stream().filter(op -> op.name().equals(name)).findFirst().orElse(null);
    }

    @Test
    void underDpAttentionEachGpuHoldsTheLatentOfItsOwnSequencesOnly() {
        // One sequence of 2,048 tokens: 61 layers x 576 values x 2 bytes x 2,048 = 143,917,056 bytes.
        double perSequence = 61 * 576 * 2.0 * 2048;
        Workload w = Workload.of(DEEPSEEK, 64, 2048, 1024);
        Footprint dp = Footprint.of(DEEPSEEK, w, stage(DEEPSEEK, new Shape(1, 1, 8, 8, 1)), 64);
        Footprint tp = Footprint.of(DEEPSEEK, w, stage(DEEPSEEK, Shape.tensor(1, 8, 8, 1)), 64);
        assertEquals(8 * perSequence, dp.kvBytes(), 1);       // 1,151,336,448: 64 / 8 sequences a GPU
        assertEquals(64 * perSequence, tp.kvBytes(), 1);      // 9,210,691,584: the latent whole on each of 8 GPUs
    }

    @Test
    void expertAllToAllMovesTokensTimesTopKTimesHiddenAtTheirPrecision() {
        // dp=8,ep=8 at batch 64: 8 tokens a GPU, each sent to its top-8 experts' GPUs as 7,168 FP8 values and
        // combined back as 7,168 bf16 values.
        List<Operation> dp = moeLayer(new Shape(1, 1, 8, 8, 1), 64);
        Operation dispatch = named(dp, "expert dispatch");
        Operation combine = named(dp, "expert combine");
        assertEquals(OpKind.ALL_TO_ALL, dispatch.kind());
        assertEquals(8 * 8 * 7168 * 1.0, dispatch.bytes(), 0);   // 458,752 bytes
        assertEquals(8 * 8 * 7168 * 2.0, combine.bytes(), 0);    // 917,504 bytes
        assertEquals(8, dispatch.groups());
        assertNull(named(dp, "ffn all-reduce"), "DP attention sums nothing after the experts");
        // Tensor-parallel attention has every token on every GPU: no dispatch, an all-reduce of the 64 tokens.
        List<Operation> tp = moeLayer(Shape.tensor(1, 8, 8, 1), 64);
        assertNull(named(tp, "expert dispatch"));
        assertEquals(64 * 7168 * 2.0, named(tp, "ffn all-reduce").bytes(), 0);
        // On 4 GPUs top-8 dispatch would send each token to every GPU twice over: gathering the 64 tokens and
        // scattering the sums moves fewer bytes (2 x 64 x 7,168 x 2 x 3/4 against 16 x 8 x 7,168 x 3 x 3/4).
        List<Operation> four = moeLayer(new Shape(1, 1, 4, 4, 1), 64);
        assertNull(named(four, "expert dispatch"));
        Operation gather = named(four, "DP all-gather + reduce-scatter");
        assertEquals(OpKind.ALL_REDUCE, gather.kind());
        assertEquals(64 * 7168 * 2.0, gather.bytes(), 0);
        assertEquals(4, gather.groups());
    }

    @Test
    void theBusiestExpertParallelGpuCarriesTheChanceSpreadOfFewTokens() {
        // Batch 1, top-8 over 8 GPUs: one pair a GPU on average, the busiest about 1 + sqrt(2 ln 8 x 7/8) = 2.91.
        assertEquals(1 + Math.sqrt(2 * Math.log(8) * 7 / 8), ModelMath.busiestOverMean(1, 8, 1.2), 1e-12);
        // 4,096 pairs a GPU: the spread is 3% and the routing's skew of 1.2 is what is left.
        assertEquals(1.2, ModelMath.busiestOverMean(4096, 8, 1.2), 1e-12);
        // Never more than every pair on one GPU.
        assertEquals(8, ModelMath.busiestOverMean(0.01, 8, 1.2), 1e-12);
    }

    @Test
    void oneH200HoldsA65GbModelAndA69GbKvCache() {
        // Qwen3-32B in bf16: 32.76 B parameters = 65.5 GB; 32 sequences of 8,192 tokens x 262,144 bytes = 68.7 GB.
        ModelArchitecture qwen = Catalog.model("qwen3-32b");
        Accelerator h200 = Catalog.hardware("nvidia-h200");
        Workload w = Workload.of(qwen, 32, 8192, 1024);
        Footprint f = Footprint.of(qwen, w, Shard.whole(qwen, h200.spec()), 32);
        assertEquals(65.5e9, f.weightBytes(), 0.05e9);
        assertEquals(32 * 8192 * 262_144.0, f.kvBytes(), 0);
        // CUDA gives 150,109,880,320 bytes; a runtime fills 90% with weights and KV: 135.1 GB for 134.2 GB.
        assertEquals(0.9 * 150_109_880_320.0, MemoryBudget.usable(h200.spec(), h200.spec().primaryMemory()), 1);
        Placements.Built built = Placements.build(qwen, h200, w, Shard.ALONE);
        assertNotNull(built.placement(), built.problem());
        // Twice the sequences do not fit, and the problem shows the numbers.
        Placements.Built twice = Placements.build(qwen, h200, w.withBatch(64), Shard.ALONE);
        assertNull(twice.placement());
        assertTrue(twice.problem().contains("65.5 GB of weights and 137 GB of KV cache")
                && twice.problem().contains("135 GB usable (150 GB hbm x 0.90)"), twice.problem());
    }

    @Test
    void badPlacementsSayWhichValueAndWhatIsAllowed() {
        Accelerator b200 = Catalog.hardware("nvidia-b200");
        Workload w = Workload.of(DEEPSEEK, 64, 2048, 1024);
        assertEquals("dp=3,ep=8: under DP attention the experts are spread over the stage's 3 devices, so ep must "
                + "be 3", Placements.build(DEEPSEEK, b200, w, new Shape(1, 1, 3, 8, 1)).problem());
        assertEquals("ep=512 is larger than deepseek-v3's 256 experts: ep may be at most 256",
                Placements.build(DEEPSEEK, b200, w, new Shape(1, 1, 512, 512, 1)).problem());
        assertEquals("tp=3 must divide deepseek-v3's 128 attention heads",
                Placements.build(DEEPSEEK, b200, w, Shape.tensor(1, 3, 1, 1)).problem());
        assertFalse(Placements.build(DEEPSEEK, b200, w, new Shape(1, 1, 8, 8, 1)).placement() == null);
    }

    @Test
    void dpAttentionLabelsSaySo() {
        assertEquals("dp=8,ep=8 (DP attention)", new Shape(1, 1, 8, 8, 1).label(true));
        assertEquals("dp=8 (replicas)", new Shape(1, 1, 8, 1, 1).label(false));
        assertEquals("pp=2,tp=8,ep=8,mb=2", Shape.tensor(2, 8, 8, 2).label(true));
    }
}
