package dev.tokenscale.api;

/** Which term of an operation's time dominates. */
public enum Bound {
    /** Reading bytes from a memory tier. */
    MEMORY,
    /** Arithmetic. */
    COMPUTE,
    /** Fixed costs that do not shrink with size: kernel launch, a wafer's reduction tree, a pipeline stage. */
    LATENCY,
    /** Bytes crossing an interconnect. */
    NETWORK
}
