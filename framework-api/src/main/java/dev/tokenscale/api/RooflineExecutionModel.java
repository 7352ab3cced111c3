package dev.tokenscale.api;

import java.util.HashMap;
import java.util.Map;

/**
 * The default execution model: every operation costs a fixed latency plus the larger of its data movement and its
 * arithmetic, each at a calibratable fraction of the spec's peak. Families extend it and override
 * {@link #latency(Operation)} (or {@link #time(Operation)}) where their machine works differently.
 *
 * <p>Parameters read from {@link AcceleratorSpec#execution()} (defaults in brackets):
 * <ul>
 *   <li>{@value #MEMORY_EFFICIENCY} [{@value #DEFAULT_MEMORY_EFFICIENCY}]: fraction of a tier's bandwidth that
 *       streaming reads reach;</li>
 *   <li>{@value #COMPUTE_EFFICIENCY} [{@value #DEFAULT_COMPUTE_EFFICIENCY}]: fraction of the dense peak that
 *       matrix math reaches;</li>
 *   <li>{@value #OP_LATENCY} [{@value #DEFAULT_OP_LATENCY} s]: fixed cost of each operation (launch, tail);</li>
 *   <li>{@value #LINK_EFFICIENCY} [{@value #DEFAULT_LINK_EFFICIENCY}]: fraction of a link's bandwidth that
 *       collectives and transfers reach.</li>
 * </ul>
 * A collective or transfer costs its interconnect's hop latency plus its bytes over the link.
 */
public class RooflineExecutionModel implements ExecutionModel {

    public static final String MEMORY_EFFICIENCY = "memoryEfficiency";
    public static final String COMPUTE_EFFICIENCY = "computeEfficiency";
    public static final String OP_LATENCY = "opLatency";
    public static final String LINK_EFFICIENCY = "linkEfficiency";

    /** AIConfigurator's default decode GEMV bandwidth efficiency (see PHYSICS.md, section 3). */
    public static final double DEFAULT_MEMORY_EFFICIENCY = 0.8;
    /** Mid-range of the 0.5-0.7 decode GEMM efficiency in PHYSICS.md, section 3. */
    public static final double DEFAULT_COMPUTE_EFFICIENCY = 0.6;
    /** AIConfigurator's per memory-bound op latency, 3 us (PHYSICS.md, section 3). */
    public static final double DEFAULT_OP_LATENCY = 3e-6;
    /** NVLink reaches about 370 of 450 GB/s (PHYSICS.md, section 3). */
    public static final double DEFAULT_LINK_EFFICIENCY = 0.8;

    protected final AcceleratorSpec spec;
    protected final double memoryEfficiency;
    protected final double computeEfficiency;
    protected final double opLatency;
    protected final double linkEfficiency;
    private final Map<String, Double> tierBandwidth = new HashMap<>();
    private final Map<String, Interconnect> links = new HashMap<>();
    private final Map<Precision, Double> denseFlops = new HashMap<>();

    public RooflineExecutionModel(AcceleratorSpec spec) {
        this.spec = spec;
        this.memoryEfficiency = spec.parameter(MEMORY_EFFICIENCY, DEFAULT_MEMORY_EFFICIENCY);
        this.computeEfficiency = spec.parameter(COMPUTE_EFFICIENCY, DEFAULT_COMPUTE_EFFICIENCY);
        this.opLatency = spec.parameter(OP_LATENCY, DEFAULT_OP_LATENCY);
        this.linkEfficiency = spec.parameter(LINK_EFFICIENCY, DEFAULT_LINK_EFFICIENCY);
        for (MemoryTier tier : spec.memory()) {
            tierBandwidth.put(tier.name(), tier.bandwidth().value());
        }
        for (Interconnect link : spec.interconnects()) {
            links.put(link.name(), link);
        }
        for (Precision precision : Precision.values()) {
            spec.computeFor(precision).ifPresent(rate -> denseFlops.put(precision, rate.getValue().dense().value()));
        }
    }

    @Override
    public OpTiming time(Operation op) {
        if (op.isCommunication()) {
            Interconnect link = link(op.resource());
            double bytesOnWire = switch (op.kind()) {
                case ALL_REDUCE -> op.bytes() * 2.0 * (op.groups() - 1) / op.groups();
                case ALL_TO_ALL -> op.bytes() * (op.groups() - 1) / op.groups();
                default -> op.bytes();
            };
            double wire = bytesOnWire / (link.bandwidth().value() * linkEfficiency);
            return OpTiming.roofline(wire, 0, latency(op), true);
        }
        double memory = op.bytes() / (bandwidth(op.resource()) * memoryEfficiency);
        double compute = op.flops() / (flops(op.precision()) * computeEfficiency);
        return OpTiming.roofline(memory, compute, latency(op), false);
    }

    /** The fixed part of an operation's time. The default: the link's hop latency, or {@code opLatency}. */
    protected double latency(Operation op) {
        return op.isCommunication() ? link(op.resource()).latency().value() : opLatency;
    }

    /** Bandwidth of the named memory tier, bytes/s. */
    protected double bandwidth(String tierName) {
        Double bandwidth = tierBandwidth.get(tierName);
        if (bandwidth == null) {
            throw new IllegalArgumentException(spec.id() + " has no memory tier '" + tierName + "'");
        }
        return bandwidth;
    }

    /** The named interconnect. */
    protected Interconnect link(String linkName) {
        Interconnect link = links.get(linkName);
        if (link == null) {
            throw new IllegalArgumentException(spec.id() + " has no interconnect '" + linkName + "'");
        }
        return link;
    }

    /** Dense peak for arithmetic in this precision (after fallbacks), FLOP/s. */
    protected double flops(Precision precision) {
        Double rate = denseFlops.get(precision);
        if (rate == null) {
            throw new IllegalArgumentException(spec.id() + " has no compute rate for " + precision);
        }
        return rate;
    }
}
