package dev.tokenscale.host.engine;

import dev.tokenscale.api.ModelArchitecture;
import dev.tokenscale.api.Precision;
import java.util.Objects;

/**
 * What is being served: how many sequences decode together, how long their contexts are, the prompt length for
 * time to first token, and the precisions the weights and KV cache are stored in.
 *
 * @param batch         sequences decoding together (one new token each per step)
 * @param contextTokens cached tokens per sequence
 * @param promptTokens  prompt length for prefill (time to first token)
 * @param weights       precision of the non-expert weights
 * @param experts       precision of the routed experts
 * @param kv            precision of the KV cache
 */
public record Workload(int batch, long contextTokens, long promptTokens, Precision weights, Precision experts,
                       Precision kv) {

    public Workload {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(experts, "experts");
        Objects.requireNonNull(kv, "kv");
        if (batch < 1 || contextTokens < 1 || promptTokens < 1) {
            throw new IllegalArgumentException("batch, context and prompt must be at least 1");
        }
    }

    /** A workload in the model's native precisions. */
    public static Workload of(ModelArchitecture model, int batch, long contextTokens, long promptTokens) {
        return new Workload(batch, contextTokens, promptTokens, model.precision().weights(),
                model.precision().expertWeights(), model.precision().kv());
    }

    /** A workload in these precisions, or the model's native ones where a precision is {@code null}. */
    public static Workload of(ModelArchitecture model, int batch, long contextTokens, long promptTokens,
                              Precision weights, Precision kv) {
        Workload workload = of(model, batch, contextTokens, promptTokens);
        if (weights != null) {
            workload = workload.withWeights(weights);
        }
        return kv == null ? workload : workload.withKv(kv);
    }

    /** The same workload at another batch size. */
    public Workload withBatch(int newBatch) {
        return new Workload(newBatch, contextTokens, promptTokens, weights, experts, kv);
    }

    /**
     * The same workload with all weights in one precision (e.g. {@code --weights fp8}); the KV cache keeps its
     * own.
     */
    public Workload withWeights(Precision precision) {
        return new Workload(batch, contextTokens, promptTokens, precision, precision, kv);
    }

    /** The same workload with another KV-cache precision. */
    public Workload withKv(Precision precision) {
        return new Workload(batch, contextTokens, promptTokens, weights, experts, precision);
    }
}
