package dev.tokenscale.api;

import java.util.Objects;

/**
 * The precisions a model ships in.
 *
 * @param weights weights in general
 * @param experts routed-expert weights when they differ (gpt-oss ships MXFP4 experts), else {@code null}
 * @param kv      the KV cache
 */
public record ModelPrecisions(Precision weights, Precision experts, Precision kv) {
    public ModelPrecisions {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(kv, "kv");
    }

    /** Precision of the routed experts: their own when set, else the weights'. */
    public Precision expertWeights() {
        return experts == null ? weights : experts;
    }
}
