package dev.tokenscale.api;

/**
 * Number formats for weights, activations and the KV cache, with their storage cost.
 * MXFP4 stores 4-bit values plus one 8-bit shared scale per 32 values, hence 4.25 bits; NVFP4 (since 1.2) stores
 * 4-bit values plus one 8-bit scale per 16, hence 4.5 bits.
 */
public enum Precision {
    FP32(32),
    BF16(16),
    FP16(16),
    FP8(8),
    INT8(8),
    FP4(4),
    MXFP4(4.25),
    NVFP4(4.5);

    private final double bits;

    Precision(double bits) {
        this.bits = bits;
    }

    /** Stored bits per value, scale factors included. */
    public double bits() {
        return bits;
    }

    /** Stored bytes per value, scale factors included. */
    public double bytes() {
        return bits / 8.0;
    }

    /**
     * The compute format a tensor core would run this format in, from the most to the least specific; a device
     * that lacks the first runs the next (e.g. MXFP4 weights on a GPU without FP4 units run in FP8, then BF16).
     */
    public Precision[] computeFallbacks() {
        return switch (this) {
            case FP4, MXFP4, NVFP4 -> new Precision[] {FP4, FP8, BF16, FP16};
            case FP8 -> new Precision[] {FP8, BF16, FP16};
            case INT8 -> new Precision[] {INT8, FP8, BF16, FP16};
            case BF16 -> new Precision[] {BF16, FP16};
            case FP16 -> new Precision[] {FP16, BF16};
            case FP32 -> new Precision[] {FP32, BF16, FP16};
        };
    }
}
