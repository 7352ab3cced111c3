package dev.tokenscale.api;

import java.util.Objects;

/**
 * A model's attention. GQA uses {@code kvHeads} and {@code headDim}; MLA uses the LoRA ranks and head dims.
 *
 * @param kind                how the KV cache is stored
 * @param heads               query heads
 * @param kvHeads             KV heads (GQA)
 * @param headDim             dimension of one head (GQA)
 * @param slidingWindow       window in tokens of the sliding-window layers, 0 when none
 * @param slidingWindowLayers how many layers use the window, 0 when none
 * @param qLoraRank           rank of the low-rank query projection (MLA), 0 when queries are full rank
 * @param kvLoraRank          rank of the compressed KV latent (MLA)
 * @param qkNopeHeadDim       per-head query/key dimension without rotary embedding (MLA)
 * @param qkRopeHeadDim       per-head rotary dimension, shared key part stored in the cache (MLA)
 * @param vHeadDim            per-head value dimension (MLA)
 */
public record AttentionSpec(AttentionKind kind, int heads, int kvHeads, int headDim, int slidingWindow,
                            int slidingWindowLayers, int qLoraRank, int kvLoraRank, int qkNopeHeadDim,
                            int qkRopeHeadDim, int vHeadDim) {
    public AttentionSpec {
        Objects.requireNonNull(kind, "kind");
    }
}
