package dev.tokenscale.host.engine;

/**
 * One forward pass through the model: {@code sequences} sequences each add {@code newTokens} tokens on top of
 * {@code cachedTokens} already in their KV cache. A decode step is (batch, 1, context); a prefill is (1, prompt,
 * 0); a speculative verify step is (batch, draft length + 1, context).
 *
 * @param sequences    sequences in the pass
 * @param newTokens    tokens each sequence adds
 * @param cachedTokens tokens each sequence already has cached
 */
public record Pass(int sequences, long newTokens, long cachedTokens) {

    public Pass {
        if (sequences < 1 || newTokens < 1 || cachedTokens < 0) {
            throw new IllegalArgumentException("invalid pass " + sequences + " x " + newTokens + " + " + cachedTokens);
        }
    }

    /** One decode step of a batch. */
    public static Pass decode(int batch, long contextTokens) {
        return new Pass(batch, 1, contextTokens);
    }

    /** The prefill of one prompt. */
    public static Pass prefill(long promptTokens) {
        return new Pass(1, promptTokens, 0);
    }

    /** Tokens the pass computes. */
    public double tokens() {
        return (double) sequences * newTokens;
    }

    /**
     * Cached tokens one new token attends over on average: the cache plus, causally, half the new tokens; capped
     * by a sliding window when the layer has one ({@code window} 0 means none).
     */
    public double attendedPerToken(int window) {
        double attended = cachedTokens + (newTokens + 1) / 2.0;
        return window > 0 ? Math.min(attended, window) : attended;
    }

    /** Distinct cached tokens one sequence's KV reads cover in a layer (the whole cache, or the window). */
    public double kvTokensRead(int window) {
        double cached = cachedTokens + newTokens;
        return window > 0 ? Math.min(cached, window) : cached;
    }
}
