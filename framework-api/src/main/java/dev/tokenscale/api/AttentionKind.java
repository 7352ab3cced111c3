package dev.tokenscale.api;

/** How a model's attention stores its KV cache. */
public enum AttentionKind {
    /** Grouped-query attention: K and V per KV head (multi-head attention when KV heads equal heads). */
    GQA,
    /** Multi-head latent attention (DeepSeek-V3): one compressed latent per token shared by all heads. */
    MLA
}
