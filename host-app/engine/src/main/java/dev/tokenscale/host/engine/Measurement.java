package dev.tokenscale.host.engine;

import java.util.Objects;

/**
 * One measured operating point: a decode step of {@code batch} sequences over {@code contextTokens} cached tokens,
 * or a prefill of {@code batch} prompts of {@code promptTokens} tokens (on top of {@code contextTokens} cached
 * ones, usually none), and the time it took on one device.
 *
 * @param hardware      hardware id
 * @param model         model id
 * @param phase         decode or prefill
 * @param batch         sequences in the step
 * @param contextTokens cached tokens per sequence (0 for a prefill from scratch)
 * @param promptTokens  prompt tokens per sequence (prefill; 0 for decode)
 * @param seconds       measured time of the step or prefill
 * @param where         where the row was read, e.g. {@code "h200.csv, line 4"}, for messages
 */
public record Measurement(String hardware, String model, Phase phase, int batch, long contextTokens,
                          long promptTokens, double seconds, String where) {

    /** What a row measured. */
    public enum Phase {
        /** One decode step: every sequence adds one token. */
        DECODE,
        /** A prefill: every sequence adds its prompt. */
        PREFILL
    }

    public Measurement {
        Objects.requireNonNull(hardware, "hardware");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(where, "where");
        if (batch < 1 || contextTokens < 0 || promptTokens < 0 || !(seconds > 0)
                || (phase == Phase.DECODE ? contextTokens < 1 : promptTokens < 1)) {
            throw new IllegalArgumentException(where + ": invalid measurement");
        }
    }

    /** The pass this row measured. */
    public Pass pass() {
        return phase == Phase.DECODE ? Pass.decode(batch, contextTokens) : new Pass(batch, promptTokens, contextTokens);
    }

    /** Cached tokens per sequence once the pass is done: what the KV cache must hold. */
    public long tokensHeld() {
        return contextTokens + (phase == Phase.DECODE ? 1 : promptTokens);
    }
}
