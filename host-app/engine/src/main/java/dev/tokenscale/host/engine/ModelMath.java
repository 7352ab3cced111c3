package dev.tokenscale.host.engine;

import dev.tokenscale.api.AttentionKind;
import dev.tokenscale.api.AttentionSpec;
import dev.tokenscale.api.FfnSpec;
import dev.tokenscale.api.ModelArchitecture;
import dev.tokenscale.api.MoeSpec;
import dev.tokenscale.api.Precision;

/**
 * Parameter and cache arithmetic that follows from a model's shape alone: how many weights each part has, how many
 * are read per token, and how many KV-cache bytes each token adds. Counts are exact products of the shape; norms,
 * biases and attention sinks are left out (well under 0.1% of any catalog model).
 */
public final class ModelMath {

    private ModelMath() {
    }

    /** Weights of one layer's attention projections (q, k, v, o; for MLA the low-rank factors). */
    public static long attentionParameters(ModelArchitecture m) {
        AttentionSpec a = m.attention();
        long h = m.hiddenSize();
        if (a.kind() == AttentionKind.MLA) {
            long qkHead = (long) a.qkNopeHeadDim() + a.qkRopeHeadDim();
            long q = a.qLoraRank() > 0 ? h * a.qLoraRank() + (long) a.qLoraRank() * a.heads() * qkHead
                    : h * a.heads() * qkHead;
            long kvDown = h * ((long) a.kvLoraRank() + a.qkRopeHeadDim());
            long kvUp = (long) a.kvLoraRank() * a.heads() * ((long) a.qkNopeHeadDim() + a.vHeadDim());
            long out = (long) a.heads() * a.vHeadDim() * h;
            return q + kvDown + kvUp + out;
        }
        long q = h * a.heads() * a.headDim();
        long kv = 2 * h * a.kvHeads() * a.headDim();
        long out = (long) a.heads() * a.headDim() * h;
        return q + kv + out;
    }

    /** Weights of the dense FFN of one dense layer. */
    public static long denseFfnParameters(ModelArchitecture m) {
        return (long) m.ffn().matrices() * m.hiddenSize() * m.ffn().intermediateSize();
    }

    /** Weights of one expert. */
    public static long expertParameters(ModelArchitecture m) {
        MoeSpec moe = m.ffn().moe();
        return moe == null ? 0 : (long) m.ffn().matrices() * m.hiddenSize() * moe.expertIntermediateSize();
    }

    /** Weights of one MoE layer's router. */
    public static long routerParameters(ModelArchitecture m) {
        MoeSpec moe = m.ffn().moe();
        return moe == null ? 0 : (long) m.hiddenSize() * moe.experts();
    }

    /** Layers whose FFN is the dense one. */
    public static int denseLayers(ModelArchitecture m) {
        return m.isMoe() ? m.ffn().moe().denseLayers() : m.layers();
    }

    /** Layers whose FFN is a mixture of experts. */
    public static int moeLayers(ModelArchitecture m) {
        return m.layers() - denseLayers(m);
    }

    /** Weights of the embedding table (and of the LM head, which has the same shape). */
    public static long embeddingParameters(ModelArchitecture m) {
        return (long) m.vocabSize() * m.hiddenSize();
    }

    /** Every weight of the model; a tied LM head counts once. */
    public static long totalParameters(ModelArchitecture m) {
        long perMoeLayer = 0;
        if (m.isMoe()) {
            MoeSpec moe = m.ffn().moe();
            perMoeLayer = ((long) moe.experts() + moe.sharedExperts()) * expertParameters(m) + routerParameters(m);
        }
        return m.layers() * attentionParameters(m) + denseLayers(m) * denseFfnParameters(m)
                + moeLayers(m) * perMoeLayer + embeddingParameters(m) * (m.tiedEmbeddings() ? 1 : 2);
    }

    /**
     * Weights one token reads: everything but the unused experts and the input embedding (a lookup reads one
     * row, not the table). This is the convention of the gpt-oss model card; it is also what a decode step of
     * batch 1 streams.
     */
    public static long activeParameters(ModelArchitecture m) {
        long perMoeLayer = 0;
        if (m.isMoe()) {
            MoeSpec moe = m.ffn().moe();
            perMoeLayer = ((long) moe.expertsPerToken() + moe.sharedExperts()) * expertParameters(m)
                    + routerParameters(m);
        }
        return m.layers() * attentionParameters(m) + denseLayers(m) * denseFfnParameters(m)
                + moeLayers(m) * perMoeLayer + embeddingParameters(m);
    }

    /** Values one token stores in one layer's KV cache: K and V per KV head, or MLA's latent plus rotary key. */
    public static long kvValuesPerTokenPerLayer(ModelArchitecture m) {
        AttentionSpec a = m.attention();
        if (a.kind() == AttentionKind.MLA) {
            return (long) a.kvLoraRank() + a.qkRopeHeadDim();
        }
        return 2L * a.kvHeads() * a.headDim();
    }

    /**
     * KV-cache bytes one token adds in the full-attention layers: {@code full layers x values per layer x bytes}.
     * The sliding-window layers add nothing per token once their window is full; see
     * {@link #slidingKvBytesPerSequence}.
     */
    public static double kvBytesPerToken(ModelArchitecture m, Precision kv) {
        return (double) (m.layers() - slidingLayers(m)) * kvValuesPerTokenPerLayer(m) * kv.bytes();
    }

    /** KV-cache bytes of one sequence's full windows in the sliding-window layers: a fixed cost per sequence. */
    public static double slidingKvBytesPerSequence(ModelArchitecture m, Precision kv) {
        return (double) slidingLayers(m) * m.attention().slidingWindow() * kvValuesPerTokenPerLayer(m) * kv.bytes();
    }

    /**
     * KV-cache bytes one sequence holds in layers {@code [first, end)} at this context: every token in the
     * full-attention layers, at most the window in the sliding-window ones.
     */
    public static double kvBytesPerSequence(ModelArchitecture m, int first, int end, long contextTokens,
                                            Precision kv) {
        int sliding = slidingLayersIn(m, first, end);
        double tokens = (double) (end - first - sliding) * contextTokens
                + (double) sliding * Math.min(contextTokens, m.attention().slidingWindow());
        return tokens * kvValuesPerTokenPerLayer(m) * kv.bytes();
    }

    /** Layers that attend over a sliding window rather than the whole context. */
    public static int slidingLayers(ModelArchitecture m) {
        return m.attention().slidingWindowLayers();
    }

    /**
     * Whether layer {@code i} uses the sliding window. Window layers are spread evenly among the layers (gpt-oss
     * alternates them), so that any contiguous range of layers gets its fair share.
     */
    public static boolean isSlidingLayer(ModelArchitecture m, int i) {
        int sliding = slidingLayers(m);
        return sliding > 0 && (long) (i + 1) * sliding / m.layers() > (long) i * sliding / m.layers();
    }

    /**
     * Sliding-window layers among layers {@code [first, end)}: the count of {@link #isSlidingLayer} in closed form
     * (each layer adds at most one to {@code floor((i + 1) s / L)}), so that a step costs no loop over layers.
     */
    public static int slidingLayersIn(ModelArchitecture m, int first, int end) {
        long sliding = slidingLayers(m);
        return (int) (end * sliding / m.layers() - first * sliding / m.layers());
    }

    /** Whether a layer's FFN is a mixture of experts (the dense layers come first). */
    public static boolean isMoeLayer(ModelArchitecture m, int i) {
        return m.isMoe() && i >= m.ffn().moe().denseLayers();
    }

    /**
     * A model's multi-token-prediction modules as a model of their own: {@code mtpLayers} layers shaped like its
     * MoE (or, for a dense model, dense) layers with full attention, reading its embedding and LM head. The small
     * projection that joins the embedding to the previous hidden state (2 x hidden x hidden) is left out, like norms.
     */
    public static ModelArchitecture mtpModules(ModelArchitecture m) {
        MoeSpec moe = m.ffn().moe();
        FfnSpec ffn = moe == null ? m.ffn() : new FfnSpec(m.ffn().intermediateSize(), m.ffn().gated(),
                new MoeSpec(moe.experts(), moe.expertsPerToken(), moe.sharedExperts(), moe.expertIntermediateSize(),
                        0));
        AttentionSpec a = m.attention();
        AttentionSpec full = new AttentionSpec(a.kind(), a.heads(), a.kvHeads(), a.headDim(), 0, 0, a.qLoraRank(),
                a.kvLoraRank(), a.qkNopeHeadDim(), a.qkRopeHeadDim(), a.vHeadDim());
        return new ModelArchitecture(m.id() + "-mtp", m.name() + " MTP modules", "multi-token prediction of " + m.id(),
                m.source(), Math.max(1, m.mtpLayers()), m.hiddenSize(), m.vocabSize(), m.tiedEmbeddings(),
                m.maxContext(), full, ffn, m.precision(), null, 0);
    }

    /**
     * The load of the busiest of {@code ranks} expert-parallel devices over the mean, when each receives on average
     * {@code meanPairs} token-expert pairs: the larger of the routing's own skew ({@code skew}, which balancers
     * that replicate hot experts bring toward 1) and the chance spread of uniform routing, whose busiest rank gets
     * about {@code mean + sqrt(2 ln(ranks) var)} with {@code var = mean (1 - 1/ranks)} (the expected maximum of
     * nearly normal loads). At batch 1 with top-8 over 8 ranks the busiest device has about 3 of the 8 pairs, not 1;
     * at large batches the spread vanishes and only the skew is left.
     */
    public static double busiestOverMean(double meanPairs, int ranks, double skew) {
        if (ranks < 2 || meanPairs <= 0) {
            return skew;
        }
        double spread = 1 + Math.sqrt(2 * Math.log(ranks) * (1 - 1.0 / ranks) / meanPairs);
        return Math.min(ranks, Math.max(skew, spread));
    }

    /**
     * Expected number of distinct experts that a batch touches in one layer under uniform routing:
     * {@code E (1 - (1 - k/E)^tokens)}.
     */
    public static double expectedExpertsTouched(int experts, int topK, double tokens) {
        return experts * (1 - Math.pow(1 - (double) topK / experts, tokens));
    }
}
