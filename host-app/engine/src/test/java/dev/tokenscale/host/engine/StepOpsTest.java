package dev.tokenscale.host.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenscale.api.ModelArchitecture;
import dev.tokenscale.api.MoeSpec;
import dev.tokenscale.api.OpKind;
import dev.tokenscale.api.Operation;
import dev.tokenscale.api.Precision;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The operations of one decode step, before any execution model: the bytes the grouped expert GEMMs, attention and
 * projections read follow from the model's shape, the batch, the context and the precisions.
 */
class StepOpsTest {

    private record Line(String group, int count, Operation op) {
    }

    private static List<Line> ops(ModelArchitecture m, Workload w, Pass pass) {
        List<Line> lines = new ArrayList<>();
        Shard whole = new Shard(0, m.layers(), true, true, Shard.ALONE, 1, "hbm", "hbm", null, 0, null);
        StepOps.emit(m, w, whole, pass, (group, count, op) -> lines.add(new Line(group, count, op)));
        return lines;
    }

    private static Line line(List<Line> lines, String group, String name) {
        return lines.stream().filter(l -> l.group().equals(group) && l.op().name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + group));
    }

    private static Workload decode(ModelArchitecture m, int batch, long context) {
        return Workload.of(m, batch, context, 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt-oss-120b", "qwen3-235b-a22b", "deepseek-v3", "kimi-k2"})
    void groupedExpertGemmsReadTheExpectedDistinctExperts(String id) {
        ModelArchitecture m = Catalog.model(id);
        MoeSpec moe = m.ffn().moe();
        Precision experts = m.precision().expertWeights();
        long perExpert = ModelMath.expertParameters(m);
        for (int batch : new int[] {1, 8, 64}) {
            List<Line> lines = ops(m, decode(m, batch, 4096), Pass.decode(batch, 4096));
            double touched = moe.experts() * (1 - Math.pow(1 - (double) moe.expertsPerToken() / moe.experts(), batch));
            // Activations: each routed token reads d_model and writes the expert width in 16 bits.
            double activations = batch * moe.expertsPerToken() * (m.hiddenSize() + moe.expertIntermediateSize()) * 2.0;
            Operation gateUp = line(lines, "MoE layers", "experts gate/up").op();
            Operation down = line(lines, "MoE layers", "experts down").op();
            assertEquals(touched * perExpert * 2 / 3 * experts.bytes() + activations, gateUp.bytes(),
                    1e-9 * gateUp.bytes(), id + " gate/up at batch " + batch);
            assertEquals(touched * perExpert / 3 * experts.bytes() + activations, down.bytes(), 1e-9 * down.bytes(),
                    id + " down at batch " + batch);
            assertEquals((int) Math.ceil(touched - 1e-9), gateUp.groups(), id + " experts at batch " + batch);
        }
    }

    @Test
    void batchOneReadsExactlyTopKExpertsAndLargeBatchesNearlyAll() {
        ModelArchitecture m = Catalog.model("gpt-oss-120b");
        double perExpertBytes = ModelMath.expertParameters(m) / 3.0 * Precision.MXFP4.bytes();
        double activations1 = 4 * (2880 + 2880) * 2.0;
        Operation down1 = line(ops(m, decode(m, 1, 1024), Pass.decode(1, 1024)), "MoE layers", "experts down").op();
        assertEquals(4 * perExpertBytes, down1.bytes() - activations1, 1e-6);
        Operation down256 = line(ops(m, decode(m, 256, 1024), Pass.decode(256, 1024)), "MoE layers", "experts down")
                .op();
        // 128 (1 - (124/128)^256) = 127.96 experts.
        assertEquals(127.96, (down256.bytes() - 256 * activations1) / perExpertBytes, 0.01);
    }

    @Test
    void slidingLayersStopReadingMoreKvBeyondTheirWindow() {
        ModelArchitecture m = Catalog.model("gpt-oss-120b");
        double kvPerLayerToken = 2 * 8 * 64 * 2;
        for (long context : new long[] {127, 128, 1024, 8192, 131_072}) {
            List<Line> lines = ops(m, decode(m, 4, context), Pass.decode(4, context));
            Line sliding = line(lines, "MoE layers, sliding window", "attention");
            Line full = line(lines, "MoE layers", "attention");
            assertEquals(18, sliding.count());
            assertEquals(18, full.count());
            // The cache holds the context plus the new token; a window layer reads at most its 128 tokens.
            assertEquals(4 * Math.min(context + 1, 128) * kvPerLayerToken, sliding.op().bytes(), 0,
                    "context " + context);
            assertEquals(4 * (context + 1) * kvPerLayerToken, full.op().bytes(), 0, "context " + context);
        }
    }

    @Test
    void mlaAttentionReadsOneLatentPerToken() {
        ModelArchitecture m = Catalog.model("deepseek-v3");
        List<Line> lines = ops(m, decode(m, 2, 10_000), Pass.decode(2, 10_000));
        assertEquals(2 * 10_001 * 576 * 2.0, line(lines, "MoE layers", "attention").op().bytes(), 0);
        assertEquals(3, line(lines, "dense layers", "attention").count());
        assertEquals(58, line(lines, "MoE layers", "attention").count());
    }

    @Test
    void weightPrecisionsScaleWeightBytesTwoOneHalfAndMxfp4() {
        double[] expected = {2, 1, 0.5, 0.53125};
        Precision[] precisions = {Precision.BF16, Precision.FP8, Precision.FP4, Precision.MXFP4};
        for (ModelArchitecture m : Catalog.models().values()) {
            Workload base = decode(m, 1, 1024);
            double fp8 = Footprint.modelWeightBytes(m, base.withWeights(Precision.FP8));
            double fp8Qkv = weightBytesOf(m, base.withWeights(Precision.FP8), "qkv projection");
            for (int i = 0; i < precisions.length; i++) {
                Workload w = base.withWeights(precisions[i]);
                assertEquals(expected[i], Footprint.modelWeightBytes(m, w) / fp8, 1e-12, m.id() + " " + precisions[i]);
                assertEquals(expected[i], weightBytesOf(m, w, "qkv projection") / fp8Qkv, 1e-12,
                        m.id() + " qkv projection " + precisions[i]);
            }
        }
    }

    /** Bytes an op reads from its weights: its bytes less the activations a GEMM of one token moves. */
    private static double weightBytesOf(ModelArchitecture m, Workload w, String name) {
        Operation op = ops(m, w, Pass.decode(1, 1024)).stream().filter(l -> l.op().name().equals(name)).findFirst()
                .orElseThrow().op();
        return op.bytes() - 2.0 * m.hiddenSize() * 2;
    }

    @Test
    void fp8KvHalvesTheAttentionBytes() {
        for (ModelArchitecture m : Catalog.models().values()) {
            Workload bf16 = decode(m, 8, 32_768).withKv(Precision.BF16);
            double full = attentionBytes(m, bf16);
            assertTrue(full > 0);
            assertEquals(full / 2, attentionBytes(m, bf16.withKv(Precision.FP8)), 1e-9 * full, m.id());
        }
    }

    private static double attentionBytes(ModelArchitecture m, Workload w) {
        return ops(m, w, Pass.decode(w.batch(), w.contextTokens())).stream()
                .filter(l -> l.op().kind() == OpKind.ATTENTION).mapToDouble(l -> l.count() * l.op().bytes()).sum();
    }

    @Test
    void everyLayerIsEmittedOnceWhateverTheMixOfKinds() {
        for (ModelArchitecture m : Catalog.models().values()) {
            int layers = ops(m, decode(m, 1, 1), Pass.decode(1, 1)).stream()
                    .filter(l -> l.op().name().equals("attention")).mapToInt(Line::count).sum();
            assertEquals(m.layers(), layers, m.id());
        }
    }
}
