package dev.tokenscale.host.engine;

import dev.tokenscale.api.OpTiming;
import dev.tokenscale.api.Operation;

/**
 * One line of an explained estimate: an operation, how often it runs in the step, and its timing on one run.
 *
 * @param group  what it belongs to ("MoE layers", "per step", "pipeline")
 * @param count  runs per step
 * @param op     the operation
 * @param timing the time of one run, with its terms
 */
public record OpCost(String group, int count, Operation op, OpTiming timing) {

    /** Time this line adds to the step: count x one run. */
    public double totalSeconds() {
        return count * timing.seconds();
    }
}
