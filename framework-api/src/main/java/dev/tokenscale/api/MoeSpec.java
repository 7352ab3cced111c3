package dev.tokenscale.api;

/**
 * Mixture-of-experts feed-forward layers.
 *
 * @param experts                routed experts per MoE layer
 * @param expertsPerToken        experts each token is routed to (top-k)
 * @param sharedExperts          experts every token passes through
 * @param expertIntermediateSize FFN width of one expert
 * @param denseLayers            leading layers that use the dense FFN instead of experts
 */
public record MoeSpec(int experts, int expertsPerToken, int sharedExperts, int expertIntermediateSize,
                      int denseLayers) {
}
