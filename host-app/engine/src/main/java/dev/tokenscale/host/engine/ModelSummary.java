package dev.tokenscale.host.engine;

import dev.tokenscale.api.AttentionKind;
import dev.tokenscale.api.AttentionSpec;
import dev.tokenscale.api.Figure;
import dev.tokenscale.api.ModelArchitecture;
import dev.tokenscale.api.MoeSpec;
import dev.tokenscale.api.Precision;
import java.util.Locale;

/**
 * What {@code tokenscale models} says about one model, in SI units ({@code docs/cli.md} documents the fields):
 * parameter counts computed from the shape beside the published ones, bytes at the native precisions, and the KV
 * cache per token and per sequence.
 *
 * @param id                        model id
 * @param name                      display name
 * @param source                    where the shape comes from
 * @param layers                    transformer layers
 * @param hiddenSize                model width
 * @param vocabSize                 vocabulary size
 * @param maxContext                longest context the model declares
 * @param totalParameters           every weight, computed from the shape ({@link ModelMath#totalParameters})
 * @param publishedTotalParameters  the publisher's total, or {@code null}
 * @param activeParameters          weights one token reads, computed ({@link ModelMath#activeParameters})
 * @param publishedActiveParameters the publisher's active count, or {@code null}
 * @param weightPrecision           native precision of the weights
 * @param expertPrecision           native precision of the routed experts (the weights' when they do not differ)
 * @param kvPrecision               native precision of the KV cache
 * @param weightBytes               bytes of all weights at the native precisions
 * @param kvBytesPerToken           KV bytes each token of a sequence adds (full-attention layers)
 * @param slidingKvBytesPerSequence fixed KV bytes per sequence of the sliding-window layers' windows (0 if none)
 * @param kvRule                    how the two add up, with the numbers, in words
 * @param attention                 attention shape
 * @param moe                       experts, or {@code null} for a dense model
 */
public record ModelSummary(String id, String name, String source, int layers, int hiddenSize, int vocabSize,
                           int maxContext, long totalParameters, Double publishedTotalParameters,
                           long activeParameters, Double publishedActiveParameters, String weightPrecision,
                           String expertPrecision, String kvPrecision, double weightBytes, double kvBytesPerToken,
                           double slidingKvBytesPerSequence, String kvRule, Attention attention, Moe moe) {

    /**
     * Attention shape; fields that do not apply to the kind are 0.
     *
     * @param kind                gqa or mla
     * @param heads               query heads
     * @param kvHeads             KV heads (GQA)
     * @param headDim             head dimension (GQA)
     * @param kvLoraRank          latent rank (MLA)
     * @param qkRopeHeadDim       rotary key dimension stored beside the latent (MLA)
     * @param slidingWindow       window of the sliding-window layers in tokens
     * @param slidingWindowLayers layers that use the window
     * @param kvValuesPerLayer    values one token stores per layer: 2 x KV heads x head dim, or latent + rotary key
     */
    public record Attention(String kind, int heads, int kvHeads, int headDim, int kvLoraRank, int qkRopeHeadDim,
                            int slidingWindow, int slidingWindowLayers, long kvValuesPerLayer) {
    }

    /**
     * Mixture-of-experts shape.
     *
     * @param experts                routed experts per MoE layer
     * @param expertsPerToken        experts each token is routed to
     * @param sharedExperts          experts every token passes through
     * @param expertIntermediateSize FFN width of one expert
     * @param denseLayers            leading layers with a dense FFN
     */
    public record Moe(int experts, int expertsPerToken, int sharedExperts, int expertIntermediateSize,
                      int denseLayers) {
    }

    /** The summary of a model at its native precisions. */
    public static ModelSummary of(ModelArchitecture m) {
        Workload nativePrecisions = Workload.of(m, 1, 1, 1);
        Precision kv = nativePrecisions.kv();
        AttentionSpec a = m.attention();
        Attention attention = new Attention(lower(a.kind()), a.heads(), a.kvHeads(), a.headDim(), a.kvLoraRank(),
                a.qkRopeHeadDim(), a.slidingWindow(), a.slidingWindowLayers(), ModelMath.kvValuesPerTokenPerLayer(m));
        MoeSpec e = m.ffn().moe();
        Moe moe = e == null ? null : new Moe(e.experts(), e.expertsPerToken(), e.sharedExperts(),
                e.expertIntermediateSize(), e.denseLayers());
        return new ModelSummary(m.id(), m.name(), m.source(), m.layers(), m.hiddenSize(), m.vocabSize(),
                m.maxContext(), ModelMath.totalParameters(m), published(m, true), ModelMath.activeParameters(m),
                published(m, false), lower(nativePrecisions.weights()), lower(nativePrecisions.experts()), lower(kv),
                Footprint.modelWeightBytes(m, nativePrecisions), ModelMath.kvBytesPerToken(m, kv),
                ModelMath.slidingKvBytesPerSequence(m, kv), kvRule(m, kv), attention, moe);
    }

    private static Double published(ModelArchitecture m, boolean total) {
        if (m.published() == null) {
            return null;
        }
        Figure figure = total ? m.published().totalParameters() : m.published().activeParameters();
        return figure.value();
    }

    /** The KV rule in words: per-token bytes of the full layers times the context, plus the sliding windows. */
    static String kvRule(ModelArchitecture m, Precision kv) {
        int sliding = ModelMath.slidingLayers(m);
        String perLayer = m.attention().kind() == AttentionKind.MLA
                ? String.format(Locale.ROOT, "(%d latent + %d rotary key)", m.attention().kvLoraRank(),
                m.attention().qkRopeHeadDim())
                : String.format(Locale.ROOT, "2 x %d KV heads x %d", m.attention().kvHeads(), m.attention().headDim());
        String full = String.format(Locale.ROOT, "%,.0f B x context (%d full-attention layers x %s x %s B)",
                ModelMath.kvBytesPerToken(m, kv), m.layers() - sliding, perLayer, trim(kv.bytes()));
        if (sliding == 0) {
            return "per sequence: " + full;
        }
        return String.format(Locale.ROOT, "per sequence: %s + %d sliding-window layers x min(context, %d) tokens, "
                + "at most %,.0f B", full, sliding, m.attention().slidingWindow(),
                ModelMath.slidingKvBytesPerSequence(m, kv));
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
