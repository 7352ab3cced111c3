package dev.tokenscale.api.roofline;

import dev.tokenscale.api.AcceleratorSpec;
import dev.tokenscale.api.ExecutionModel;
import dev.tokenscale.api.Interconnect;
import dev.tokenscale.api.MemoryTier;
import dev.tokenscale.api.OpKind;
import dev.tokenscale.api.OpTiming;
import dev.tokenscale.api.Operation;
import dev.tokenscale.api.Precision;
import java.util.EnumMap;
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
 *       streaming reads reach (weights of dense GEMMs, elementwise passes);</li>
 *   <li>{@value #ATTENTION_MEMORY_EFFICIENCY} [{@code memoryEfficiency}]: fraction of a tier's bandwidth that
 *       attention's KV-cache reads reach; decode attention reads many small per-sequence, per-head blocks and
 *       usually reaches less than a weight stream;</li>
 *   <li>{@value #GROUPED_GEMM_MEMORY_EFFICIENCY} [{@code memoryEfficiency}]: fraction of a tier's bandwidth that
 *       grouped expert GEMMs reach; each expert is a separate small matrix fed by a few tokens, so the kernel
 *       streams it less efficiently than one large dense matrix;</li>
 *   <li>{@value #COMPUTE_EFFICIENCY} [{@value #DEFAULT_COMPUTE_EFFICIENCY}]: fraction of the dense peak that
 *       matrix math reaches;</li>
 *   <li>{@value #OP_LATENCY} [{@value #DEFAULT_OP_LATENCY} s]: fixed cost of each operation (launch, tail);</li>
 *   <li>{@value #GROUPED_GEMM_LATENCY} [{@code opLatency}]: fixed cost of one grouped expert GEMM, including the
 *       routing work around it that does not shrink with size (sorting token-expert pairs by expert, permuting
 *       activations in and out, the weighted combine);</li>
 *   <li>{@value #LINK_EFFICIENCY} [{@value #DEFAULT_LINK_EFFICIENCY}]: fraction of a link's bandwidth that
 *       collectives and transfers reach.</li>
 * </ul>
 * A collective or transfer costs its interconnect's hop latency plus its bytes over the link. The parameters
 * that refine others default to them, so a spec that sets only the four main ones times every operation with those.
 */
public class RooflineExecutionModel implements ExecutionModel {

    public static final String MEMORY_EFFICIENCY = "memoryEfficiency";
    public static final String COMPUTE_EFFICIENCY = "computeEfficiency";
    public static final String OP_LATENCY = "opLatency";
    public static final String LINK_EFFICIENCY = "linkEfficiency";
    /** Attention's KV-cache bandwidth efficiency (defaults to {@link #MEMORY_EFFICIENCY}) */
    public static final String ATTENTION_MEMORY_EFFICIENCY = "attentionMemoryEfficiency";
    /** Grouped expert GEMMs' bandwidth efficiency (defaults to {@link #MEMORY_EFFICIENCY}) */
    public static final String GROUPED_GEMM_MEMORY_EFFICIENCY = "groupedGemmMemoryEfficiency";
    /** Fixed cost of a grouped expert GEMM with its routing work (defaults to {@link #OP_LATENCY}) */
    public static final String GROUPED_GEMM_LATENCY = "groupedGemmLatency";

    /** AIConfigurator's default decode GEMV bandwidth efficiency (github.com/ai-dynamo/aiconfigurator system YAMLs). */
    public static final double DEFAULT_MEMORY_EFFICIENCY = 0.8;
    /** Mid-range of the 0.5-0.7 of peak that decode GEMMs commonly reach: an estimate, to be calibrated. */
    public static final double DEFAULT_COMPUTE_EFFICIENCY = 0.6;
    /** AIConfigurator's per memory-bound op latency, 3 us (github.com/ai-dynamo/aiconfigurator system YAMLs). */
    public static final double DEFAULT_OP_LATENCY = 3e-6;
    /** NVLink reaches about 370 of 450 GB/s (github.com/NVIDIA/nccl-tests/issues/212). */
    public static final double DEFAULT_LINK_EFFICIENCY = 0.8;

    protected final AcceleratorSpec spec;
    protected final double memoryEfficiency;
    protected final double computeEfficiency;
    protected final double opLatency;
    protected final double linkEfficiency;
    /** See {@link #ATTENTION_MEMORY_EFFICIENCY}. */
    protected final double attentionMemoryEfficiency;
    /** See {@link #GROUPED_GEMM_MEMORY_EFFICIENCY}. */
    protected final double groupedGemmMemoryEfficiency;
    /** See {@link #GROUPED_GEMM_LATENCY}. */
    protected final double groupedGemmLatency;
    private final Map<String, Double> tierBandwidth = new HashMap<>();
    private final Map<String, Interconnect> links = new HashMap<>();
    private final Map<Precision, Double> denseFlops = new EnumMap<>(Precision.class);

    public RooflineExecutionModel(AcceleratorSpec spec) {
        this.spec = spec;
        this.memoryEfficiency = spec.parameter(MEMORY_EFFICIENCY, DEFAULT_MEMORY_EFFICIENCY);
        this.computeEfficiency = spec.parameter(COMPUTE_EFFICIENCY, DEFAULT_COMPUTE_EFFICIENCY);
        this.opLatency = spec.parameter(OP_LATENCY, DEFAULT_OP_LATENCY);
        this.linkEfficiency = spec.parameter(LINK_EFFICIENCY, DEFAULT_LINK_EFFICIENCY);
        this.attentionMemoryEfficiency = spec.parameter(ATTENTION_MEMORY_EFFICIENCY, memoryEfficiency);
        this.groupedGemmMemoryEfficiency = spec.parameter(GROUPED_GEMM_MEMORY_EFFICIENCY, memoryEfficiency);
        this.groupedGemmLatency = spec.parameter(GROUPED_GEMM_LATENCY, opLatency);
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
        double memory = op.bytes() / (bandwidth(op.resource()) * memoryEfficiency(op));
        double compute = op.flops() / (flops(op.precision()) * computeEfficiency);
        return OpTiming.roofline(memory, compute, latency(op), false);
    }

    /**
     * The fixed part of an operation's time. The default: the link's hop latency, {@code groupedGemmLatency} for a
     * grouped expert GEMM, or {@code opLatency}.
     */
    protected double latency(Operation op) {
        if (op.isCommunication()) {
            return link(op.resource()).latency().value();
        }
        return op.kind() == OpKind.GROUPED_GEMM ? groupedGemmLatency : opLatency;
    }

    /**
     * The fraction of its tier's bandwidth a computing operation's reads reach: {@code attentionMemoryEfficiency}
     * for attention, {@code groupedGemmMemoryEfficiency} for grouped expert GEMMs, else {@code memoryEfficiency}.
     */
    protected double memoryEfficiency(Operation op) {
        return switch (op.kind()) {
            case ATTENTION -> attentionMemoryEfficiency;
            case GROUPED_GEMM -> groupedGemmMemoryEfficiency;
            default -> memoryEfficiency;
        };
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
