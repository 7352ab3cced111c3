package dev.tokenscale.api;

/**
 * The time of one operation with its terms, so that a user can check it by hand:
 * {@code seconds = latencySeconds + max(memorySeconds, computeSeconds)} for the default roofline. A family may
 * combine its terms differently, but {@code seconds} is always the total and the terms always its parts.
 *
 * <p>{@code occupancySeconds} is the operation's share of the time its device is busy per pass, which sets how
 * often the device can accept another micro-batch. A device that runs one operation at a time is busy for the
 * whole operation, so the default equals {@code seconds}. A spatial device, whose operations run in separate
 * regions that work on different micro-batches at once (a wafer's layer regions), reports the time the operation
 * holds its region, divided by the regions a pass walks through; latency spent in flight between regions does
 * not count. The engine adds the occupancies of a pass: their sum is the device's interval between micro-batches.
 *
 * @param seconds          total time
 * @param memorySeconds    time to move the bytes at the tier's (or link's) effective bandwidth
 * @param computeSeconds   time for the arithmetic at the effective rate
 * @param latencySeconds   fixed time that does not shrink with size
 * @param bound            which term dominates
 * @param occupancySeconds the operation's share of its device's busy time per pass (see above); since 1.2
 */
public record OpTiming(double seconds, double memorySeconds, double computeSeconds, double latencySeconds,
                       Bound bound, double occupancySeconds) {

    /** A timing whose device is busy for the whole operation (occupancy = seconds), as in API 1.1. */
    public OpTiming(double seconds, double memorySeconds, double computeSeconds, double latencySeconds,
                    Bound bound) {
        this(seconds, memorySeconds, computeSeconds, latencySeconds, bound, seconds);
    }

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

    /** The same timing with another occupancy (a spatial family's share of its device's busy time). */
    public OpTiming withOccupancy(double occupancy) {
        return new OpTiming(seconds, memorySeconds, computeSeconds, latencySeconds, bound, occupancy);
    }
}
