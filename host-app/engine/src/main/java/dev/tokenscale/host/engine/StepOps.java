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
 * residual and norm, then the FFN (gate/up, activation, down) or the experts (router, routing, (dispatch), grouped
 * gate/up over the experts the batch touches, activation, grouped down, (combine), plus any shared experts),
 * (all-reduce). Layers of the same kind (dense or MoE, full or sliding-window attention) produce identical
 * operations, so each kind is emitted once with its count.
 *
 * <p>How the device shares the work follows its shard's {@link Shape}. Everything but the routed experts runs in
 * the device's data-parallel group on that group's sequences, its matrices split {@code tensorParallel} ways with
 * an all-reduce after attention and after the FFN. The routed experts see every token of the stage:
 * <ul>
 *   <li>without data parallelism the tokens are already on every device after the attention all-reduce; each
 *       device runs its experts (or its slice of each) on the tokens routed to them, and the FFN all-reduce sums
 *       the partial outputs;</li>
 *   <li>under DP attention (one device per group, {@code expertParallel} = the stage's devices) each device sends
 *       its tokens to the devices of their top-k experts and gets the results back: an all-to-all dispatch of
 *       {@code tokens x top-k x hidden} values, at 8 bits when the experts compute in 8 bits or fewer (DeepEP and
 *       TensorRT-LLM dispatch FP8), and a combine of as many 16-bit values; or, when that moves fewer bytes, an
 *       all-gather of every group's tokens before the experts and a reduce-scatter after, which together move the
 *       bytes of one all-reduce of the stage's tokens.</li>
 * </ul>
 * The busiest device's experts receive more than the mean routed tokens ({@link ModelMath#busiestOverMean}).
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
        Pass group = pass.perGroup(shard.shape().dataParallel());
        if (shard.embedding()) {
            double bytes = group.tokens() * m.hiddenSize() * (w.weights().bytes() + ACTIVATION_BYTES);
            sink.accept(PER_STEP, 1, op(OpKind.ELEMENTWISE, "embedding lookup", 0, bytes, shard.weightTier()));
        }
        int first = shard.firstLayer();
        int end = shard.endLayer();
        int moeStart = moeStart(m, shard);
        Layer layer = new Layer(m, w, shard, pass, group, sink);
        layer.emitAll(false, first, moeStart);
        layer.emitAll(true, moeStart, end);
        if (shard.head()) {
            layer.elementwise("final norm", PER_STEP, 1);
            layer.gemm("lm head", PER_STEP, 1, ModelMath.embeddingParameters(m) / shard.shape().tensorParallel(),
                    w.weights());
            double logits = group.tokens() * m.vocabSize() / shard.shape().tensorParallel();
            sink.accept(PER_STEP, 1, op(OpKind.ELEMENTWISE, "sampling", logits, logits * 4, shard.weightTier()));
        }
    }

    /**
     * What sets a stage's operations apart from another stage's of the same placement (same shape, tiers and
     * link): how many layers of each kind it holds, not where they sit, whether it embeds or runs the head, and
     * the KV cache it spills. Stages with equal mixes emit the same operations.
     */
    record StageMix(int denseFull, int denseSliding, int moeFull, int moeSliding, boolean embedding, boolean head,
                    String kvSpillTier, double kvSpillShare) {

        static StageMix of(ModelArchitecture m, Shard shard) {
            int moeStart = moeStart(m, shard);
            int denseSliding = ModelMath.slidingLayersIn(m, shard.firstLayer(), moeStart);
            int moeSliding = ModelMath.slidingLayersIn(m, moeStart, shard.endLayer());
            return new StageMix(moeStart - shard.firstLayer() - denseSliding, denseSliding,
                    shard.endLayer() - moeStart - moeSliding, moeSliding, shard.embedding(), shard.head(),
                    shard.kvSpillTier(), shard.kvSpillShare());
        }
    }

    /** The first of the shard's layers with routed experts (its end when it has none). */
    private static int moeStart(ModelArchitecture m, Shard shard) {
        return m.isMoe() ? Math.min(Math.max(m.ffn().moe().denseLayers(), shard.firstLayer()), shard.endLayer())
                : shard.endLayer();
    }

    /** The operations of layers on one device, for one pass. */
    private record Layer(ModelArchitecture m, Workload w, Shard shard, Pass pass, Pass group, OpSink sink) {

        /** Layers {@code [first, end)}, all dense or all MoE: the full-attention ones, then the sliding ones. */
        void emitAll(boolean moe, int first, int end) {
            int sliding = ModelMath.slidingLayersIn(m, first, end);
            int full = end - first - sliding;
            if (full > 0) {
                emit(false, moe, moe ? MOE : DENSE, full);
            }
            if (sliding > 0) {
                emit(true, moe, moe ? MOE_SLIDING : DENSE_SLIDING, sliding);
            }
        }

        private void emit(boolean sliding, boolean moe, String name, int count) {
            int tp = shard.shape().tensorParallel();
            long attention = ModelMath.attentionParameters(m);
            long outProjection = outProjectionParameters(m);
            elementwise("attention norm", name, count);
            gemm("qkv projection", name, count, (attention - outProjection) / tp, w.weights());
            elementwise("rotary embedding", name, count);
            attention(sliding, name, count);
            gemm("output projection", name, count, outProjection / tp, w.weights());
            allReduce("attention all-reduce", name, count, group.tokens(), tp);
            elementwise("residual + ffn norm", name, count);
            if (moe) {
                experts(name, count);
            } else {
                long ffn = ModelMath.denseFfnParameters(m) / tp;
                long down = ffn / m.ffn().matrices();
                gemm("ffn gate/up", name, count, ffn - down, w.weights());
                elementwise("ffn activation", name, count);
                gemm("ffn down", name, count, down, w.weights());
                allReduce("ffn all-reduce", name, count, group.tokens(), tp);
            }
        }

        private void attention(boolean sliding, String name, int count) {
            AttentionSpec a = m.attention();
            int window = sliding ? a.slidingWindow() : 0;
            double headsHere = a.heads() / (double) shard.shape().tensorParallel();
            // Per new token and head: scores over the attended tokens and the weighted sum of values (2 FLOPs a MAC).
            double macsPerAttended = a.kind() == AttentionKind.MLA
                    ? (2.0 * a.kvLoraRank() + a.qkRopeHeadDim()) // absorbed MLA works in the latent space
                    : 2.0 * a.headDim();
            double kvBytesPerToken = ModelMath.kvValuesPerTokenPerLayer(m) * w.kv().bytes()
                    / Footprint.kvSplit(m, shard.shape().tensorParallel());
            double flops = 2 * group.sequences() * group.newTokens() * group.attendedPerToken(window) * headsHere
                    * macsPerAttended;
            double kvBytes = group.sequences() * group.kvTokensRead(window) * kvBytesPerToken;
            double spilled = kvBytes * shard.kvSpillShare();
            sink.accept(name, count, new Operation(OpKind.ATTENTION, "attention", flops * (1 - shard.kvSpillShare()),
                    kvBytes - spilled, shard.kvTier(), w.kv(), 1));
            if (spilled > 0) {
                sink.accept(name, count, new Operation(OpKind.ATTENTION, "attention over spilled KV",
                        flops * shard.kvSpillShare(), spilled, shard.kvSpillTier(), w.kv(), 1));
            }
            if (group.prompts() > 0) {
                // Each prompt writes its KV once and its tokens attend causally over the prompt.
                double promptTokens = (double) group.prompts() * group.promptTokens();
                sink.accept(name, count, new Operation(OpKind.ATTENTION, "prompt attention",
                        2 * promptTokens * group.promptAttendedPerToken(window) * headsHere * macsPerAttended,
                        promptTokens * kvBytesPerToken, shard.kvTier(), w.kv(), 1));
            }
        }

        private void experts(String name, int count) {
            MoeSpec moe = m.ffn().moe();
            int ep = shard.shape().expertParallel();
            int k = moe.expertsPerToken();
            double stageTokens = pass.tokens();
            gemm("router", name, count, ModelMath.routerParameters(m), w.weights());
            elementwise("routing (top-k, permute)", name, count);
            boolean exchanged = shard.shape().dataParallel() > 1;
            boolean allToAll = exchanged && dispatchWire(k) <= allGatherWire(stageTokens);
            if (allToAll) {
                sink.accept(name, count, new Operation(OpKind.ALL_TO_ALL, "expert dispatch", 0,
                        group.tokens() * k * m.hiddenSize() * dispatchBytes(), shard.parallelLink(), w.experts(),
                        shard.devices()));
            } else if (exchanged) {
                allReduce("DP all-gather + reduce-scatter", name, count, stageTokens, shard.devices());
            }
            // Token-expert pairs and experts of the busiest device: all pairs and every expert's slice when every
            // device holds a slice of every expert, else the mean share times the load imbalance.
            double imbalance = ep == 1 ? 1 : ModelMath.busiestOverMean(stageTokens * k / ep, ep,
                    shard.expertImbalance());
            double pairs = stageTokens * k / ep * imbalance;
            double held = Math.ceil((double) moe.experts() / ep);
            double touched = Math.min(held,
                    ModelMath.expectedExpertsTouched(moe.experts(), k, stageTokens) / ep * imbalance);
            int split = shard.expertSplit();
            long perExpert = ModelMath.expertParameters(m) / split;
            long down = perExpert / m.ffn().matrices();
            int groups = (int) Math.max(1, Math.ceil(touched - 1e-9));
            double activations = pairs * ((double) m.hiddenSize() + (double) moe.expertIntermediateSize() / split)
                    * ACTIVATION_BYTES;
            groupedGemm("experts gate/up", name, count, touched, perExpert - down, pairs, activations, groups);
            double width = pairs * moe.expertIntermediateSize() / split;
            sink.accept(name, count, op(OpKind.ELEMENTWISE, "experts activation", 4 * width,
                    3 * width * ACTIVATION_BYTES, shard.weightTier()));
            groupedGemm("experts down", name, count, touched, down, pairs, activations, groups);
            if (allToAll) {
                sink.accept(name, count, new Operation(OpKind.ALL_TO_ALL, "expert combine", 0,
                        group.tokens() * k * m.hiddenSize() * ACTIVATION_BYTES, shard.parallelLink(), w.weights(),
                        shard.devices()));
            }
            if (moe.sharedExperts() > 0) {
                gemm("shared experts", name, count,
                        moe.sharedExperts() * ModelMath.expertParameters(m) / shard.shape().tensorParallel(),
                        w.weights());
            }
            elementwise("expert combine + residual", name, count);
            if (!exchanged) {
                allReduce("ffn all-reduce", name, count, group.tokens(), shard.shape().tensorParallel());
            }
        }

        /** Bytes a device's dispatch and combine put on the wire for one MoE layer. */
        private double dispatchWire(int k) {
            int devices = shard.devices();
            return group.tokens() * k * m.hiddenSize() * (dispatchBytes() + ACTIVATION_BYTES) * (devices - 1)
                    / devices;
        }

        /** Bytes an all-gather of the stage's tokens and the reduce-scatter of the results put on the wire. */
        private double allGatherWire(double stageTokens) {
            int devices = shard.devices();
            return 2 * stageTokens * m.hiddenSize() * ACTIVATION_BYTES * (devices - 1) / devices;
        }

        /** Bytes of one dispatched value: 8 bits for experts that compute in 8 bits or fewer, else 16. */
        private double dispatchBytes() {
            return w.experts().bytes() <= 1 ? 1 : ACTIVATION_BYTES;
        }

        private void groupedGemm(String name, String layers, int count, double touched, long paramsPerExpert,
                                 double tokens, double activationBytes, int groups) {
            double bytes = touched * paramsPerExpert * w.experts().bytes() + activationBytes;
            sink.accept(layers, count, new Operation(OpKind.GROUPED_GEMM, name, 2 * tokens * paramsPerExpert, bytes,
                    shard.weightTier(), w.experts(), groups));
        }

        void gemm(String name, String layers, int count, long params, Precision precision) {
            double activations = group.tokens() * 2.0 * m.hiddenSize() * ACTIVATION_BYTES;
            sink.accept(layers, count, new Operation(OpKind.GEMM, name, 2 * group.tokens() * params,
                    params * precision.bytes() + activations, shard.weightTier(), precision, 1));
        }

        void elementwise(String name, String layers, int count) {
            double values = group.tokens() * m.hiddenSize();
            sink.accept(layers, count, op(OpKind.ELEMENTWISE, name, 4 * values, 2 * values * ACTIVATION_BYTES,
                    shard.weightTier()));
        }

        private void allReduce(String name, String layers, int count, double tokens, int devices) {
            if (devices > 1) {
                sink.accept(layers, count, new Operation(OpKind.ALL_REDUCE, name, 0,
                        tokens * m.hiddenSize() * ACTIVATION_BYTES, shard.parallelLink(), w.weights(), devices));
            }
        }
    }

    private static long outProjectionParameters(ModelArchitecture m) {
        AttentionSpec a = m.attention();
        int valueDim = a.kind() == AttentionKind.MLA ? a.vHeadDim() : a.headDim();
        return (long) a.heads() * valueDim * m.hiddenSize();
    }

    private static Operation op(OpKind kind, String name, double flops, double bytes, String tier) {
        return new Operation(kind, name, flops, bytes, tier, Precision.BF16, 1);
    }
}
