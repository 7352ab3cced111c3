package dev.tokenscale.host.spec.silicon;

/** How a design is built, which decides the parameters it takes and how its hardware is derived. */
public enum Template {
    /**
     * A wafer-scale engine: a grid of identical processing elements (PEs), each a core with its own SRAM, across the
     * exposure dies of one wafer.
     */
    WAFER,
    /** A reticle-sized chip of matrix engines and SRAM, optionally with SRAM layers bonded on it and HBM beside it. */
    CHIP
}
