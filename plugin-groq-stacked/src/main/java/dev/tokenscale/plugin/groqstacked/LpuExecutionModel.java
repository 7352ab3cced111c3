package dev.tokenscale.plugin.groqstacked;

import dev.tokenscale.api.AcceleratorSpec;
import dev.tokenscale.api.OpKind;
import dev.tokenscale.api.Operation;
import dev.tokenscale.api.roofline.RooflineExecutionModel;

/**
 * Decode on an SRAM LPU. The compiler schedules every operand's arrival, so there is no launch cost and no jitter;
 * what remains is the functional-unit pipeline fill of each matrix op or attention, {@value #STAGE_LATENCY}, plus
 * the time to stream the op's tile from the chip's SRAM (or its arithmetic). Elementwise passes ride in the vector
 * slices between matrix ops and add no latency of their own. Collectives are scheduled too, so an all-reduce or
 * all-to-all over N chips costs log2(N) chip-to-chip hops with no contention term.
 */
final class LpuExecutionModel extends RooflineExecutionModel {

    /** Pipeline fill and synchronisation of one matrix op or attention, seconds. */
    static final String STAGE_LATENCY = "stageLatency";

    private final double stageLatency;

    LpuExecutionModel(AcceleratorSpec spec) {
        super(spec);
        this.stageLatency = spec.parameter(STAGE_LATENCY, opLatency);
    }

    @Override
    protected double latency(Operation op) {
        if (op.kind() == OpKind.ALL_REDUCE || op.kind() == OpKind.ALL_TO_ALL) {
            int steps = 32 - Integer.numberOfLeadingZeros(op.groups() - 1);
            return steps * link(op.resource()).latency().value();
        }
        if (op.isCommunication()) {
            return super.latency(op);
        }
        return op.kind() == OpKind.ELEMENTWISE ? 0 : stageLatency;
    }
}
