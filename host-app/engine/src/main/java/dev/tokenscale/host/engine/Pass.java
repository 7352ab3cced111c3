package dev.tokenscale.host.engine;

/**
 * One forward pass through the model: {@code sequences} sequences each add {@code newTokens} tokens on top of
 * {@code cachedTokens} already in their KV cache, and {@code prompts} new prompts of {@code promptTokens} tokens are
 * prefilled in the same pass (chunked prefill riding on a decode step). A decode step is (batch, 1, context); a
 * prefill is (1, prompt, 0); a speculative verify step is (batch, draft length + 1, context); a co-located serving
 * step is a decode step with the prompts that arrived since the last one.
 *
 * @param sequences    sequences in the pass
 * @param newTokens    tokens each sequence adds
 * @param cachedTokens tokens each sequence already has cached
 * @param prompts      whole prompts prefilled in the same pass (0 for none)
 * @param promptTokens tokens of each such prompt
 */
public record Pass(int sequences, long newTokens, long cachedTokens, int prompts, long promptTokens) {

    public Pass {
        if (sequences < 1 || newTokens < 1 || cachedTokens < 0 || prompts < 0 || (prompts > 0 && promptTokens < 1)) {
            throw new IllegalArgumentException("invalid pass " + sequences + " x " + newTokens + " + " + cachedTokens
                    + ", prompts " + prompts + " x " + promptTokens);
        }
    }

    /** A pass without prompts riding on it. */
    public Pass(int sequences, long newTokens, long cachedTokens) {
        this(sequences, newTokens, cachedTokens, 0, 0);
    }

    /** One decode step of a batch. */
    public static Pass decode(int batch, long contextTokens) {
        return new Pass(batch, 1, contextTokens);
    }

    /** The prefill of one prompt. */
    public static Pass prefill(long promptTokens) {
        return new Pass(1, promptTokens, 0);
    }

    /** The same pass with {@code count} prompts of {@code tokens} tokens prefilled alongside. */
    public Pass withPrompts(int count, long tokens) {
        return new Pass(sequences, newTokens, cachedTokens, count, count == 0 ? 0 : tokens);
    }

    /**
     * The share of one data-parallel group of {@code groups}: the busiest group's sequences and prompts, each
     * rounded up (the groups meet at every expert exchange, so the busiest sets the pace).
     */
    public Pass perGroup(int groups) {
        if (groups == 1) {
            return this;
        }
        return new Pass((int) Math.ceil((double) sequences / groups), newTokens, cachedTokens,
                (int) Math.ceil((double) prompts / groups), promptTokens);
    }

    /** Tokens the pass computes. */
    public double tokens() {
        return (double) sequences * newTokens + (double) prompts * promptTokens;
    }

    /**
     * Cached tokens one new token attends over on average: the cache plus, causally, half the new tokens; capped
     * by a sliding window when the layer has one ({@code window} 0 means none).
     */
    public double attendedPerToken(int window) {
        return capped(cachedTokens + (newTokens + 1) / 2.0, window);
    }

    /** Distinct cached tokens one sequence's KV reads cover in a layer (the whole cache, or the window). */
    public double kvTokensRead(int window) {
        return capped(cachedTokens + newTokens, window);
    }

    /** Tokens one prompt token attends over on average: causally half its prompt, capped by a window. */
    public double promptAttendedPerToken(int window) {
        return capped((promptTokens + 1) / 2.0, window);
    }

    private static double capped(double tokens, int window) {
        return window > 0 ? Math.min(tokens, window) : tokens;
    }
}
