package dev.tokenscale.plugin.cerebras;

import dev.tokenscale.api.AcceleratorSpec;
import dev.tokenscale.api.Bound;
import dev.tokenscale.api.Figure;
import dev.tokenscale.api.OpKind;
import dev.tokenscale.api.OpTiming;
import dev.tokenscale.api.Operation;
import dev.tokenscale.api.roofline.RooflineExecutionModel;

/**
 * Decode on a wafer. Weights never stream from off the wafer: each matrix op is a local GEMV on every PE of the
 * op's region of the mesh, followed by a reduction and broadcast across that region. The reduction is the
 * latency that binds at small batch: a fixed cost per op ({@value #REDUCTION_LATENCY}: tree stages, software per
 * stage) plus the walk across the region, {@value #MESH_HOP_LATENCY} per PE of the region's side and back, where
 * the region is as many PEs as hold the op's bytes. Elementwise passes run on PEs that already hold the data and
 * are fused into their neighbours, so they add no latency of their own.
 *
 * <p>Local work, reduction and the next op's input streaming overlap (the wafer's I/O and compute run
 * asynchronously, and partial sums flow while later tiles compute), so an op takes the largest of its latency,
 * its SRAM streaming and its arithmetic rather than their sum. Communication between wafers uses the roofline:
 * the system I/O's hop latency plus bytes over 150 GB/s.
 *
 * <p>Assumption at large batch: streaming and arithmetic are timed against the whole wafer's bandwidth and peak,
 * as if every layer's region were busy with some user's tokens (the layer pipeline inside the wafer kept full).
 * That is the wafer's best case for throughput; a single batch walking the layers alone would use only one
 * region at a time and be far slower per chip.
 */
final class WaferExecutionModel extends RooflineExecutionModel {

    /** Fixed latency of one matrix op's reduction and broadcast, seconds. */
    static final String REDUCTION_LATENCY = "reductionLatency";
    /** Latency per PE of distance in a reduction that crosses the op's region and comes back, seconds. */
    static final String MESH_HOP_LATENCY = "meshHopLatency";

    private final double reductionLatency;
    private final double meshHopLatency;
    private final double bytesPerCore;

    WaferExecutionModel(AcceleratorSpec spec) {
        super(spec);
        this.reductionLatency = spec.parameter(REDUCTION_LATENCY, opLatency);
        this.meshHopLatency = spec.parameter(MESH_HOP_LATENCY, 1e-9);
        Figure cores = spec.silicon() == null ? null : spec.silicon().cores();
        if (cores == null) {
            throw new IllegalArgumentException(spec.id() + ": a wafer spec needs silicon.cores to size mesh regions");
        }
        this.bytesPerCore = spec.primaryMemory().capacity().value() / cores.value();
    }

    @Override
    public OpTiming time(Operation op) {
        if (op.isCommunication()) {
            return super.time(op);
        }
        OpTiming roofline = super.time(op);
        double memory = roofline.memorySeconds();
        double compute = roofline.computeSeconds();
        double latency = roofline.latencySeconds();
        double seconds = Math.max(latency, Math.max(memory, compute));
        Bound bound = seconds == latency ? Bound.LATENCY : memory >= compute ? Bound.MEMORY : Bound.COMPUTE;
        return new OpTiming(seconds, memory, compute, latency, bound);
    }

    @Override
    protected double latency(Operation op) {
        if (op.isCommunication()) {
            return super.latency(op);
        }
        if (op.kind() == OpKind.ELEMENTWISE) {
            return 0;
        }
        // One group's region: the PEs that hold its bytes. A reduction walks the region's side and back.
        double regionCores = Math.max(1, op.bytes() / op.groups() / bytesPerCore);
        return reductionLatency + 2 * Math.sqrt(regionCores) * meshHopLatency;
    }
}
