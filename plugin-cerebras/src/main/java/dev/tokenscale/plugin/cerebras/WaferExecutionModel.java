package dev.tokenscale.plugin.cerebras;

import dev.tokenscale.api.AcceleratorSpec;
import dev.tokenscale.api.OpKind;
import dev.tokenscale.api.Operation;
import dev.tokenscale.api.RooflineExecutionModel;

/**
 * Decode on a wafer. Weights never stream: a matrix op is a local GEMV on each PE's tile followed by a reduction
 * and broadcast across the layer's region of the mesh, whose latency (tree stages, hops, software per stage) is the
 * fixed cost {@value #REDUCTION_LATENCY}. Elementwise passes run on the PEs that already hold the data, fused into
 * the neighbouring op, so they add no latency of their own. Bytes are still timed at the SRAM bandwidth so that
 * the (tiny) bandwidth term stays visible in the breakdown.
 */
final class WaferExecutionModel extends RooflineExecutionModel {

    /** Latency of one mesh reduction plus broadcast that each matrix op or attention needs, seconds. */
    static final String REDUCTION_LATENCY = "reductionLatency";

    private final double reductionLatency;

    WaferExecutionModel(AcceleratorSpec spec) {
        super(spec);
        this.reductionLatency = spec.parameter(REDUCTION_LATENCY, opLatency);
    }

    @Override
    protected double latency(Operation op) {
        if (op.isCommunication()) {
            return super.latency(op);
        }
        return op.kind() == OpKind.ELEMENTWISE ? 0 : reductionLatency;
    }
}
