package dev.tokenscale.api;

/**
 * The time of one operation with its terms, so that a user can check it by hand:
 * {@code seconds = latencySeconds + max(memorySeconds, computeSeconds)} for the default roofline. A family may
 * combine its terms differently, but {@code seconds} is always the total and the terms always its parts.
 *
 * @param seconds        total time
 * @param memorySeconds  time to move the bytes at the tier's (or link's) effective bandwidth
 * @param computeSeconds time for the arithmetic at the effective rate
 * @param latencySeconds fixed time that does not shrink with size
 * @param bound          which term dominates
 */
public record OpTiming(double seconds, double memorySeconds, double computeSeconds, double latencySeconds,
                       Bound bound) {

    /** The roofline combination: fixed latency plus the larger of data movement and arithmetic. */
    public static OpTiming roofline(double memorySeconds, double computeSeconds, double latencySeconds,
                                    boolean network) {
        double overlapped = Math.max(memorySeconds, computeSeconds);
        Bound bound;
        if (latencySeconds >= overlapped) {
            bound = Bound.LATENCY;
        } else if (memorySeconds >= computeSeconds) {
            bound = network ? Bound.NETWORK : Bound.MEMORY;
        } else {
            bound = Bound.COMPUTE;
        }
        return new OpTiming(latencySeconds + overlapped, memorySeconds, computeSeconds, latencySeconds, bound);
    }
}
