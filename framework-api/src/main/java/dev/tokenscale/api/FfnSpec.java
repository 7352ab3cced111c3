package dev.tokenscale.api;

/**
 * A model's feed-forward layers.
 *
 * @param intermediateSize width of the dense FFN (dense layers), 0 when there are none
 * @param gated            gate, up and down matrices (SwiGLU) rather than up and down
 * @param moe              the experts, or {@code null} for a dense model
 */
public record FfnSpec(int intermediateSize, boolean gated, MoeSpec moe) {

    /** Matrices per FFN block: 3 when gated, 2 otherwise. */
    public int matrices() {
        return gated ? 3 : 2;
    }
}
