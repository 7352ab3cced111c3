package com.example.tokenscale.meridian;

import dev.tokenscale.api.AcceleratorSpec;
import dev.tokenscale.api.OpKind;
import dev.tokenscale.api.Operation;
import dev.tokenscale.api.roofline.RooflineExecutionModel;

/**
 * Where the Meridian differs from the default roofline: its compiler fuses every elementwise pass (norm,
 * activation, residual add) into the matrix op before it, so such a pass costs a short hand-off,
 * {@value #FUSED_LATENCY}, instead of a kernel launch. Everything else, including the bytes and FLOPs of the fused
 * pass, is the roofline's.
 *
 * <p>Like every execution model it is immutable after construction, so it is deterministic and thread-safe, and it
 * only does arithmetic, so engines can call it millions of times per second ({@code tokenscale plugin verify}
 * checks all three).
 */
final class MeridianExecutionModel extends RooflineExecutionModel {

    /** Execution parameter: the fixed cost of a fused elementwise pass, seconds. */
    static final String FUSED_LATENCY = "fusedLatency";

    private final double fusedLatency;

    MeridianExecutionModel(AcceleratorSpec spec) {
        super(spec);
        this.fusedLatency = spec.parameter(FUSED_LATENCY, opLatency);
    }

    @Override
    protected double latency(Operation op) {
        return op.kind() == OpKind.ELEMENTWISE ? fusedLatency : super.latency(op);
    }
}
