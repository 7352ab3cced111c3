package dev.tokenscale.api;

import java.util.Objects;

/**
 * A transformer model as data: enough shape to count its parameters, its KV cache and the work of one decode step.
 *
 * @param id             stable id, e.g. {@code "gpt-oss-120b"}
 * @param name           display name
 * @param description    one line for a human
 * @param source         where the shape comes from (config.json or model card URL)
 * @param layers         transformer layers
 * @param hiddenSize     model width (d_model)
 * @param vocabSize      vocabulary size
 * @param tiedEmbeddings whether the LM head shares the embedding matrix
 * @param maxContext     the longest context the model declares
 * @param attention      attention shape
 * @param ffn            feed-forward shape
 * @param precision      native precisions
 * @param published      published parameter counts, or {@code null}
 * @param mtpLayers      multi-token-prediction modules the model ships for speculative decoding (DeepSeek-V3's
 *                       {@code num_nextn_predict_layers}): each one transformer layer shaped like the model's last,
 *                       sharing its embedding and LM head; 0 when none (since 1.2)
 */
public record ModelArchitecture(String id, String name, String description, String source, int layers,
                                int hiddenSize, int vocabSize, boolean tiedEmbeddings, int maxContext,
                                AttentionSpec attention, FfnSpec ffn, ModelPrecisions precision,
                                PublishedCounts published, int mtpLayers) {
    public ModelArchitecture {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(attention, "attention");
        Objects.requireNonNull(ffn, "ffn");
        Objects.requireNonNull(precision, "precision");
        if (mtpLayers < 0) {
            throw new IllegalArgumentException(id + ": mtpLayers must be 0 or more");
        }
    }

    /** A model without multi-token-prediction modules (the 1.2 constructor). */
    public ModelArchitecture(String id, String name, String description, String source, int layers, int hiddenSize,
                             int vocabSize, boolean tiedEmbeddings, int maxContext, AttentionSpec attention,
                             FfnSpec ffn, ModelPrecisions precision, PublishedCounts published) {
        this(id, name, description, source, layers, hiddenSize, vocabSize, tiedEmbeddings, maxContext, attention, ffn,
                precision, published, 0);
    }

    /** Whether the feed-forward layers are a mixture of experts. */
    public boolean isMoe() {
        return ffn.moe() != null;
    }
}
