package dev.tokenscale.host.engine;

import dev.tokenscale.api.AttentionKind;
import dev.tokenscale.api.AttentionSpec;
import dev.tokenscale.api.ModelArchitecture;
import dev.tokenscale.api.MoeSpec;
import dev.tokenscale.api.OpKind;
import dev.tokenscale.api.Operation;
import dev.tokenscale.api.Precision;

/**
 * Decomposes one forward pass on one device into operations, layer by layer, as a decode kernel sequence runs
 * them: norm, QKV projection, rotary embedding, attention over the KV cache, output projection, (all-reduce),
 * residual and norm, then the FFN (gate/up, activation, down) or the experts (router, routing, grouped gate/up
 * over the experts the batch touches, activation, grouped down, combine, plus any shared experts), (all-reduce or
 * all-to-all). Layers of the same kind (dense or MoE, full or sliding-window attention) produce identical
 * operations, so each kind is emitted once with its count.
 */
public final class StepOps {

    /** Activations move in 16-bit. */
    static final double ACTIVATION_BYTES = 2;

    /** Groups of the operations; the count of each line says how many layers run it. */
    static final String PER_STEP = "per step";
    static final String DENSE = "dense layers";
    static final String DENSE_SLIDING = "dense layers, sliding window";
    static final String MOE = "MoE layers";
    static final String MOE_SLIDING = "MoE layers, sliding window";

    private StepOps() {
    }

    /** Emits every operation of the pass on a device holding {@code shard}. */
    public static void emit(ModelArchitecture m, Workload w, Shard shard, Pass pass, OpSink sink) {
        if (shard.embedding()) {
            double bytes = pass.tokens() * m.hiddenSize() * (w.weights().bytes() + ACTIVATION_BYTES);
            sink.accept(PER_STEP, 1, op(OpKind.ELEMENTWISE, "embedding lookup", 0, bytes, shard.weightTier(), w));
        }
        int first = shard.firstLayer();
        int end = shard.endLayer();
        int moeStart = m.isMoe() ? Math.min(Math.max(m.ffn().moe().denseLayers(), first), end) : end;
        layers(m, w, shard, pass, false, first, moeStart, sink);
        layers(m, w, shard, pass, true, moeStart, end, sink);
        if (shard.head()) {
            elementwise(m, w, shard, pass, "final norm", PER_STEP, 1, sink);
            gemm(m, w, shard, pass, "lm head", PER_STEP, 1, ModelMath.embeddingParameters(m) / shard.tensorParallel(),
                    w.weights(), sink);
            double logits = pass.tokens() * m.vocabSize() / shard.tensorParallel();
            sink.accept(PER_STEP, 1, op(OpKind.ELEMENTWISE, "sampling", logits, logits * 4, shard.weightTier(), w));
        }
    }

    /** Layers {@code [first, end)}, all dense or all MoE: the full-attention ones, then the sliding-window ones. */
    private static void layers(ModelArchitecture m, Workload w, Shard shard, Pass pass, boolean moe, int first,
                               int end, OpSink sink) {
        int sliding = ModelMath.slidingLayersIn(m, first, end);
        int full = end - first - sliding;
        if (full > 0) {
            layer(m, w, shard, pass, false, moe, moe ? MOE : DENSE, full, sink);
        }
        if (sliding > 0) {
            layer(m, w, shard, pass, true, moe, moe ? MOE_SLIDING : DENSE_SLIDING, sliding, sink);
        }
    }

    private static void layer(ModelArchitecture m, Workload w, Shard shard, Pass pass, boolean sliding, boolean moe,
                              String group, int count, OpSink sink) {
        int tp = shard.tensorParallel();
        long attention = ModelMath.attentionParameters(m);
        long outProjection = outProjectionParameters(m);
        elementwise(m, w, shard, pass, "attention norm", group, count, sink);
        gemm(m, w, shard, pass, "qkv projection", group, count, (attention - outProjection) / tp, w.weights(), sink);
        elementwise(m, w, shard, pass, "rotary embedding", group, count, sink);
        attention(m, w, shard, pass, sliding, group, count, sink);
        gemm(m, w, shard, pass, "output projection", group, count, outProjection / tp, w.weights(), sink);
        allReduce(m, shard, pass, "attention all-reduce", group, count, w, sink);
        elementwise(m, w, shard, pass, "residual + ffn norm", group, count, sink);
        if (moe) {
            experts(m, w, shard, pass, group, count, sink);
        } else {
            long ffn = ModelMath.denseFfnParameters(m) / tp;
            long down = ffn / m.ffn().matrices();
            gemm(m, w, shard, pass, "ffn gate/up", group, count, ffn - down, w.weights(), sink);
            elementwise(m, w, shard, pass, "ffn activation", group, count, sink);
            gemm(m, w, shard, pass, "ffn down", group, count, down, w.weights(), sink);
        }
        allReduce(m, shard, pass, "ffn all-reduce", group, count, w, sink);
    }

    private static long outProjectionParameters(ModelArchitecture m) {
        AttentionSpec a = m.attention();
        int valueDim = a.kind() == AttentionKind.MLA ? a.vHeadDim() : a.headDim();
        return (long) a.heads() * valueDim * m.hiddenSize();
    }

    private static void attention(ModelArchitecture m, Workload w, Shard shard, Pass pass, boolean sliding,
                                  String group, int count, OpSink sink) {
        AttentionSpec a = m.attention();
        int window = sliding ? a.slidingWindow() : 0;
        int tp = shard.tensorParallel();
        // Per new token and head: scores over the attended tokens and the weighted sum of values (2 FLOPs a MAC).
        double macsPerAttended = a.kind() == AttentionKind.MLA
                ? (2.0 * a.kvLoraRank() + a.qkRopeHeadDim()) // absorbed MLA works in the latent space
                : 2.0 * a.headDim();
        double flops = 2 * pass.tokens() * pass.attendedPerToken(window) * (a.heads() / (double) tp)
                * macsPerAttended;
        // KV heads split across tensor-parallel ranks up to their number; MLA's single latent is replicated.
        int kvSplit = a.kind() == AttentionKind.MLA ? 1 : Math.min(tp, a.kvHeads());
        double kvBytes = pass.sequences() * pass.kvTokensRead(window) * ModelMath.kvValuesPerTokenPerLayer(m)
                * w.kv().bytes() / kvSplit;
        double spilled = kvBytes * shard.kvSpillShare();
        sink.accept(group, count, new Operation(OpKind.ATTENTION, "attention", flops * (1 - shard.kvSpillShare()),
                kvBytes - spilled, shard.kvTier(), w.kv(), 1));
        if (spilled > 0) {
            sink.accept(group, count, new Operation(OpKind.ATTENTION, "attention over spilled KV",
                    flops * shard.kvSpillShare(), spilled, shard.kvSpillTier(), w.kv(), 1));
        }
    }

    private static void experts(ModelArchitecture m, Workload w, Shard shard, Pass pass, String group, int count,
                                OpSink sink) {
        MoeSpec moe = m.ffn().moe();
        int ep = shard.expertParallel();
        // The tp devices of a stage split the experts ep ways; each expert is split by the remaining tp / ep.
        int expertSplit = shard.tensorParallel() / ep;
        gemm(m, w, shard, pass, "router", group, count, ModelMath.routerParameters(m), w.weights(), sink);
        elementwise(m, w, shard, pass, "routing (top-k, permute)", group, count, sink);
        allToAll(m, shard, pass, moe, "expert dispatch", group, count, w, sink);
        double expertsHere = (double) moe.experts() / ep;
        double tokensHere = pass.tokens() * moe.expertsPerToken() / ep;
        double touched = ModelMath.expectedExpertsTouched(moe.experts(), moe.expertsPerToken(), pass.tokens()) / ep;
        long perExpert = ModelMath.expertParameters(m) / expertSplit;
        long down = perExpert / m.ffn().matrices();
        int groups = (int) Math.max(1, Math.ceil(Math.min(touched, expertsHere) - 1e-9));
        double activations = tokensHere * ((double) m.hiddenSize() + (double) moe.expertIntermediateSize() / expertSplit)
                * ACTIVATION_BYTES;
        groupedGemm("experts gate/up", group, count, touched, perExpert - down, tokensHere, activations, groups,
                shard, w, sink);
        sink.accept(group, count, op(OpKind.ELEMENTWISE, "experts activation", 4 * tokensHere * moe
                .expertIntermediateSize() / expertSplit, 3 * tokensHere * moe.expertIntermediateSize() / expertSplit
                * ACTIVATION_BYTES, shard.weightTier(), w));
        groupedGemm("experts down", group, count, touched, down, tokensHere, activations, groups, shard, w, sink);
        allToAll(m, shard, pass, moe, "expert combine", group, count, w, sink);
        if (moe.sharedExperts() > 0) {
            gemm(m, w, shard, pass, "shared experts", group, count,
                    moe.sharedExperts() * ModelMath.expertParameters(m) / shard.tensorParallel(), w.weights(), sink);
        }
        elementwise(m, w, shard, pass, "expert combine + residual", group, count, sink);
    }

    private static void groupedGemm(String name, String group, int count, double touched, long paramsPerExpert,
                                    double tokens, double activationBytes, int groups, Shard shard, Workload w,
                                    OpSink sink) {
        double bytes = touched * paramsPerExpert * w.experts().bytes() + activationBytes;
        sink.accept(group, count, new Operation(OpKind.GROUPED_GEMM, name, 2 * tokens * paramsPerExpert, bytes,
                shard.weightTier(), w.experts(), groups));
    }

    private static void gemm(ModelArchitecture m, Workload w, Shard shard, Pass pass, String name, String group,
                             int count, long params, Precision precision, OpSink sink) {
        double activations = pass.tokens() * 2.0 * m.hiddenSize() * ACTIVATION_BYTES;
        sink.accept(group, count, new Operation(OpKind.GEMM, name, 2 * pass.tokens() * params,
                params * precision.bytes() + activations, shard.weightTier(), precision, 1));
    }

    private static void elementwise(ModelArchitecture m, Workload w, Shard shard, Pass pass, String name,
                                    String group, int count, OpSink sink) {
        double values = pass.tokens() * m.hiddenSize();
        sink.accept(group, count, op(OpKind.ELEMENTWISE, name, 4 * values, 2 * values * ACTIVATION_BYTES,
                shard.weightTier(), w));
    }

    private static void allReduce(ModelArchitecture m, Shard shard, Pass pass, String name, String group, int count,
                                  Workload w, OpSink sink) {
        if (shard.tensorParallel() > 1) {
            double bytes = pass.tokens() * m.hiddenSize() * ACTIVATION_BYTES;
            sink.accept(group, count, new Operation(OpKind.ALL_REDUCE, name, 0, bytes, shard.parallelLink(),
                    w.weights(), shard.tensorParallel()));
        }
    }

    private static void allToAll(ModelArchitecture m, Shard shard, Pass pass, MoeSpec moe, String name, String group,
                                 int count, Workload w, OpSink sink) {
        if (shard.expertParallel() > 1) {
            double bytes = pass.tokens() * moe.expertsPerToken() * m.hiddenSize() * ACTIVATION_BYTES
                    / shard.expertParallel();
            sink.accept(group, count, new Operation(OpKind.ALL_TO_ALL, name, 0, bytes, shard.parallelLink(),
                    w.weights(), shard.expertParallel()));
        }
    }

    private static Operation op(OpKind kind, String name, double flops, double bytes, String tier, Workload w) {
        return new Operation(kind, name, flops, bytes, tier, Precision.BF16, 1);
    }
}
