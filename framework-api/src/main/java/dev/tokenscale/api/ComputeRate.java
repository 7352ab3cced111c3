package dev.tokenscale.api;

import java.util.Objects;

/**
 * Peak arithmetic rate for one precision. The dense figure is what dense matrix math can reach; the marketed
 * figure, when a vendor publishes one, usually assumes structured or unstructured sparsity and is kept apart so
 * that no estimate uses it by accident.
 *
 * @param dense    dense peak in FLOP/s (or OP/s for integer formats)
 * @param marketed the marketed peak (with sparsity); {@code null} when none is published
 */
public record ComputeRate(Figure dense, Figure marketed) {
    public ComputeRate {
        Objects.requireNonNull(dense, "dense");
    }
}
