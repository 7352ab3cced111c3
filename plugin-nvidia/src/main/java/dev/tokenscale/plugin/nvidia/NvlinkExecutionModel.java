package dev.tokenscale.plugin.nvidia;

import dev.tokenscale.api.AcceleratorSpec;
import dev.tokenscale.api.OpKind;
import dev.tokenscale.api.Operation;
import dev.tokenscale.api.Precision;
import dev.tokenscale.api.roofline.RooflineExecutionModel;

/**
 * The roofline of an HBM GPU, with two refinements. Collectives are timed as NVLink-switch kernels run them: a
 * decode-sized all-reduce or
 * all-to-all moves little data; what it costs is synchronisation: one kernel launch and barrier
 * ({@value #COLLECTIVE_LATENCY}), plus, for every peer beyond the first, the flag each rank waits on and, for an
 * all-reduce, the peer's buffer it reads and sums ({@value #ALL_REDUCE_PEER_LATENCY}, {@value
 * #ALL_TO_ALL_PEER_LATENCY}). So an all-reduce over 8 GPUs costs about three times one over 2, while an expert
 * all-to-all, whose sends to the peers overlap, grows slowly enough to span an NVL72 rack. The bytes still cross
 * the link at its effective bandwidth, as in the roofline. And a dense GEMM over 4-bit block-scaled weights
 * (NVFP4, MXFP4) streams them at its own share of the bandwidth ({@value #FP4_GEMM_MEMORY_EFFICIENCY}): at decode
 * batch sizes its kernels read and apply a scale per 16 or 32 values and run the 4-bit tensor-core tiles far from
 * full, so halving the bytes of FP8 does not halve the time.
 */
public final class NvlinkExecutionModel extends RooflineExecutionModel {

    /** Fixed cost of one collective kernel: launch and the barrier that ends it, seconds. */
    public static final String COLLECTIVE_LATENCY = "collectiveLatency";
    /** Extra cost of an all-reduce per peer beyond the first, seconds. */
    public static final String ALL_REDUCE_PEER_LATENCY = "allReducePeerLatency";
    /** Fixed cost of an expert all-to-all kernel (defaults to {@value #COLLECTIVE_LATENCY}), seconds. */
    public static final String ALL_TO_ALL_LATENCY = "allToAllLatency";
    /** Extra cost of an all-to-all per peer beyond the first, seconds. */
    public static final String ALL_TO_ALL_PEER_LATENCY = "allToAllPeerLatency";
    /** Share of the bandwidth a dense GEMM over 4-bit block-scaled weights reaches (defaults to the GEMMs'). */
    public static final String FP4_GEMM_MEMORY_EFFICIENCY = "fp4GemmMemoryEfficiency";

    private final double collectiveLatency;
    private final double allReducePeerLatency;
    private final double allToAllLatency;
    private final double allToAllPeerLatency;
    private final double fp4GemmMemoryEfficiency;

    /** The model of one NVIDIA system. */
    public NvlinkExecutionModel(AcceleratorSpec spec) {
        super(spec);
        collectiveLatency = spec.parameter(COLLECTIVE_LATENCY, opLatency);
        allReducePeerLatency = spec.parameter(ALL_REDUCE_PEER_LATENCY, 0);
        allToAllLatency = spec.parameter(ALL_TO_ALL_LATENCY, collectiveLatency);
        allToAllPeerLatency = spec.parameter(ALL_TO_ALL_PEER_LATENCY, 0);
        fp4GemmMemoryEfficiency = spec.parameter(FP4_GEMM_MEMORY_EFFICIENCY, memoryEfficiency);
    }

    @Override
    protected double latency(Operation op) {
        // Comparisons rather than a switch: a switch over an enum compiles to a class loaded on first use, which a
        // caller may need after the bundle has stopped.
        int peersBeyondFirst = Math.max(0, op.groups() - 2);
        if (op.kind() == OpKind.ALL_REDUCE) {
            return collectiveLatency + peersBeyondFirst * allReducePeerLatency;
        }
        if (op.kind() == OpKind.ALL_TO_ALL) {
            return allToAllLatency + peersBeyondFirst * allToAllPeerLatency;
        }
        return super.latency(op);
    }

    @Override
    protected double memoryEfficiency(Operation op) {
        boolean fourBit = op.precision() == Precision.NVFP4 || op.precision() == Precision.MXFP4
                || op.precision() == Precision.FP4;
        return op.kind() == OpKind.GEMM && fourBit ? fp4GemmMemoryEfficiency : super.memoryEfficiency(op);
    }
}
