package dev.tokenscale.api;

/** The kinds of operation an {@link ExecutionModel} times. */
public enum OpKind {
    /** A matrix multiply against a weight matrix (projections, dense FFN, LM head). */
    GEMM,
    /** Matrix multiplies against several experts' weights at once; {@link Operation#groups()} experts. */
    GROUPED_GEMM,
    /** Attention of the batch's new tokens over their KV cache. */
    ATTENTION,
    /** A pass over activations (norms, activations, residual adds, routing). */
    ELEMENTWISE,
    /** An all-reduce across {@link Operation#groups()} devices (tensor parallelism). */
    ALL_REDUCE,
    /** An all-to-all across {@link Operation#groups()} devices (expert parallelism). */
    ALL_TO_ALL,
    /** A point-to-point transfer to the next device (a pipeline hop). */
    TRANSFER
}
