package dev.tokenscale.host.engine;

import dev.tokenscale.api.ExecutionModel;
import dev.tokenscale.api.OpTiming;
import dev.tokenscale.api.Operation;

/**
 * A family's execution model with its answers checked where they enter the engines: a timing that is missing,
 * negative or not finite, or an exception, becomes a {@link PluginFault} naming the family, never a wrong number
 * in an answer.
 */
final class CheckedExecutionModel implements ExecutionModel {

    private final ExecutionModel model;
    private final String family;

    private CheckedExecutionModel(ExecutionModel model, String family) {
        this.model = model;
        this.family = family;
    }

    /** The model, checked (once: a checked model is returned as it is). */
    static ExecutionModel of(ExecutionModel model, String family) {
        return model instanceof CheckedExecutionModel ? model : new CheckedExecutionModel(model, family);
    }

    @Override
    public OpTiming time(Operation operation) {
        OpTiming timing;
        try {
            timing = model.time(operation);
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            throw new PluginFault(family, "timing a " + operation.kind() + " failed: " + PluginFault.describe(e), e);
        }
        if (timing == null) {
            throw new PluginFault(family, "returned no timing for a " + operation.kind(), null);
        }
        if (!usable(timing.seconds()) || !usable(timing.memorySeconds()) || !usable(timing.computeSeconds())
                || !usable(timing.latencySeconds()) || !usable(timing.occupancySeconds())) {
            throw new PluginFault(family, "timed a " + operation.kind() + " at " + timing.seconds()
                    + " s (memory " + timing.memorySeconds() + ", compute " + timing.computeSeconds() + ", latency "
                    + timing.latencySeconds() + ", occupancy " + timing.occupancySeconds() + "); expected finite times of 0 or "
                    + "more", null);
        }
        return timing;
    }

    private static boolean usable(double seconds) {
        return seconds >= 0 && seconds < Double.POSITIVE_INFINITY;
    }
}
