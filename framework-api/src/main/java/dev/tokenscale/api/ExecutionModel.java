package dev.tokenscale.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Turns one operation on one device into seconds. Implementations must be deterministic, thread-safe and cheap:
 * engines call them millions of times per second. Plugins implement it (usually by extending
 * {@link RooflineExecutionModel}); the host calls it.
 */
@ConsumerType
public interface ExecutionModel {

    /** The time of one operation on one device of this model's accelerator. */
    OpTiming time(Operation operation);
}
