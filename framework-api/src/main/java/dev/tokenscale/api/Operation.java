package dev.tokenscale.api;

import java.util.Objects;

/**
 * One operation on one device, as the engine hands it to an {@link ExecutionModel}. Sizes are per device, after
 * any split across devices.
 *
 * @param kind      what sort of operation
 * @param name      what it is in the model (e.g. "qkv_proj", "experts", "attention")
 * @param flops     arithmetic it performs
 * @param bytes     bytes it reads or moves: weights and activations, the KV cache, or the message size
 * @param resource  the memory tier the bytes are read from, or for {@link OpKind#ALL_REDUCE},
 *                  {@link OpKind#ALL_TO_ALL} and {@link OpKind#TRANSFER} the interconnect they cross
 * @param precision the precision its arithmetic runs in
 * @param groups    experts touched ({@link OpKind#GROUPED_GEMM}), devices taking part (collectives), else 1
 */
public record Operation(OpKind kind, String name, double flops, double bytes, String resource, Precision precision,
                        int groups) {
    public Operation {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(precision, "precision");
        if (!(flops >= 0) || !(bytes >= 0) || groups < 1) {
            throw new IllegalArgumentException(name + ": flops and bytes must be >= 0 and groups >= 1");
        }
    }

    /** Whether it moves data between devices rather than computing on one. */
    public boolean isCommunication() {
        return kind == OpKind.ALL_REDUCE || kind == OpKind.ALL_TO_ALL || kind == OpKind.TRANSFER;
    }
}
