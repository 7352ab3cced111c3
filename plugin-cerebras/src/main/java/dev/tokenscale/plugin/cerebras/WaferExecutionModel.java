package dev.tokenscale.plugin.cerebras;

import dev.tokenscale.api.AcceleratorSpec;
import dev.tokenscale.api.Bound;
import dev.tokenscale.api.Figure;
import dev.tokenscale.api.OpKind;
import dev.tokenscale.api.OpTiming;
import dev.tokenscale.api.Operation;
import dev.tokenscale.api.roofline.RooflineExecutionModel;

/**
 * Decode on a wafer, from the geometry of its mesh. The wafer is a grid of {@value #MESH_WIDTH} x
 * {@value #MESH_HEIGHT} processing elements (PEs); each reads only its own SRAM, and a 32-bit wavelet moves to the
 * next PE in {@value #HOP_CYCLES} clock cycles. Weights and the KV cache stay on the wafer.
 *
 * <p>A matrix op (a GEMV at batch 1, attention over the KV cache) runs on a rectangular region of P PEs, each
 * holding a tile of the matrix: the input is broadcast along one axis of the region, every PE multiplies its tile,
 * and the partial sums are reduced along the other axis into the region's edge, where the next op picks them up.
 * Its time is
 * <pre>
 *   opOverhead + (rows + columns) x secondsPerHop + max(bytes / (P x sramBandwidthPerPe x memoryEfficiency),
 *                                                       flops / (P x flopsPerPe x computeEfficiency))
 * </pre>
 * {@value #OP_OVERHEAD} is what does not shrink with the region (task activation, the reduction tree's stages,
 * the synchronisation before the next op); the crossing grows with the region's side and the local work shrinks
 * with its area, so the layout gives each op the region that minimises their sum,
 * {@code P = (localWork / secondsPerHop)^(2/3)} PE-seconds balanced against hops, at most the whole wafer. At
 * batch 1 a Llama-70B FFN matrix takes about a quarter of a wafer; a verify step of several tokens, or a
 * micro-batch, spreads wider. Elementwise passes run on PEs that already hold their data, fused into their
 * neighbours: no overhead, no crossing. Operations that read another tier (KV spilled off the wafer) or cross the
 * system I/O use the roofline: the link's latency plus bytes over it. A hop to the next wafer also pays
 * {@value #WAFER_HANDOFF_LATENCY}, what the serving software adds to hand activations over (0 once wafer I/O runs
 * asynchronously from compute; Cerebras's launch software did not).
 *
 * <p>Pipelining: an op holds its region for its overhead and local work, not while its wavelets are in flight,
 * and regions of other ops work on other micro-batches meanwhile, so its occupancy is that busy time times its
 * share of the wafer (see {@link OpTiming}).
 */
final class WaferExecutionModel extends RooflineExecutionModel {

    /** Usable PEs along the wafer's x axis. */
    static final String MESH_WIDTH = "meshWidth";
    /** Usable PEs along the wafer's y axis. */
    static final String MESH_HEIGHT = "meshHeight";
    /** Clock cycles for a wavelet to move to the next PE. */
    static final String HOP_CYCLES = "hopCycles";
    /** Fixed cost of one matrix op or attention, seconds. */
    static final String OP_OVERHEAD = "opOverhead";
    /** What the serving software adds to each hop to the next wafer, seconds (0 when wafer I/O is asynchronous). */
    static final String WAFER_HANDOFF_LATENCY = "waferHandoffLatency";

    private final Mesh mesh;
    private final double opOverhead;
    private final double waferHandoff;
    private final String sram;

    WaferExecutionModel(AcceleratorSpec spec) {
        super(spec);
        this.mesh = Mesh.of(spec);
        this.opOverhead = spec.parameter(OP_OVERHEAD, opLatency);
        this.waferHandoff = spec.parameter(WAFER_HANDOFF_LATENCY, 0);
        this.sram = spec.primaryMemory().name();
    }

    @Override
    public OpTiming time(Operation op) {
        if (op.isCommunication()) {
            OpTiming roofline = super.time(op);
            // The link carries the next micro-batch once this one's bytes are on the wire (and the software has
            // handed them over).
            double handoff = op.kind() == OpKind.TRANSFER ? waferHandoff : 0;
            return roofline.withOccupancy(roofline.memorySeconds() + handoff);
        }
        if (!op.resource().equals(sram)) {
            return super.time(op);
        }
        // Local work in PE-seconds: the op's time on a single PE.
        double memoryWork = op.bytes() / (mesh.bandwidthPerPe() * memoryEfficiency(op));
        double computeWork = op.flops() / (flops(op.precision()) / mesh.pes() * computeEfficiency);
        boolean matrix = op.kind() != OpKind.ELEMENTWISE;
        double pes = matrix ? mesh.region(Math.max(memoryWork, computeWork)) : mesh.pes();
        double memory = memoryWork / pes;
        double compute = computeWork / pes;
        double local = Math.max(memory, compute);
        double overhead = matrix ? opOverhead : 0;
        double latency = overhead + (matrix ? mesh.crossing(pes) : 0);
        Bound bound = latency >= local ? Bound.LATENCY : memory >= compute ? Bound.MEMORY : Bound.COMPUTE;
        return new OpTiming(latency + local, memory, compute, latency, bound,
                (overhead + local) * pes / mesh.pes());
    }

    @Override
    protected double latency(Operation op) {
        return op.kind() == OpKind.TRANSFER ? super.latency(op) + waferHandoff : super.latency(op);
    }

    /**
     * The wafer's grid: usable PEs, the time of one hop, and each PE's share of the SRAM bandwidth.
     *
     * @param width          usable PEs along x
     * @param height         usable PEs along y
     * @param secondsPerHop  time for a wavelet to move one PE
     * @param bandwidthPerPe SRAM bytes per second one PE reads
     */
    record Mesh(double width, double height, double secondsPerHop, double bandwidthPerPe) {

        static Mesh of(AcceleratorSpec spec) {
            Figure clock = spec.silicon() == null ? null : spec.silicon().clock();
            double width = spec.parameter(MESH_WIDTH, 0);
            double height = spec.parameter(MESH_HEIGHT, 0);
            if (clock == null || width < 1 || height < 1) {
                throw new IllegalArgumentException(spec.id() + ": a wafer spec needs silicon.clock and execution."
                        + MESH_WIDTH + " and execution." + MESH_HEIGHT + " (usable PEs) to lay out its mesh");
            }
            return new Mesh(width, height, spec.parameter(HOP_CYCLES, 1) / clock.value(),
                    spec.primaryMemory().bandwidth().value() / (width * height));
        }

        double pes() {
            return width * height;
        }

        /**
         * PEs of the region that minimises crossing plus local work for {@code work} PE-seconds: for a square
         * region of side s, {@code 2 s h + work / s^2} is least at {@code s^3 = work / h}; at least one PE, at most
         * the wafer.
         */
        double region(double work) {
            double side = Math.cbrt(work / secondsPerHop);
            return Math.max(1, Math.min(pes(), side * side));
        }

        /**
         * Time for a wavelet to cross a region of {@code pes} PEs along both axes (the input's broadcast along one,
         * the partial sums' reduction along the other), the region as square as the wafer allows.
         */
        double crossing(double pes) {
            double rows = Math.min(Math.sqrt(pes), Math.min(width, height));
            return (rows + pes / rows) * secondsPerHop;
        }
    }
}
