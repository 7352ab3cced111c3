package dev.tokenscale.host.engine;

import dev.tokenscale.api.AcceleratorSpec;
import dev.tokenscale.api.MemoryTier;
import dev.tokenscale.api.ModelArchitecture;
import dev.tokenscale.host.units.Units;
import java.util.Locale;
import java.util.Optional;

/**
 * What a device's memory can hold for a deployment: each tier's capacity as the runtime sees it times the share a
 * serving runtime may fill with weights and KV cache, the tier KV cache spills to, and, when a shape does not fit,
 * the numbers that say why.
 */
public final class MemoryBudget {

    /**
     * Execution parameter: the share of a tier's capacity that weights and KV cache may fill; the rest is the
     * runtime's (context, communication buffers, graphs, activations), or code and buffers on an SRAM machine.
     */
    public static final String USABLE_MEMORY = "usableMemoryFraction";
    /** vLLM's default {@code gpu_memory_utilization}: 0.9 of the device memory for the model executor. */
    public static final double DEFAULT_USABLE_MEMORY = 0.9;

    private MemoryBudget() {
    }

    /** Usable bytes of a tier on this hardware. */
    public static double usable(AcceleratorSpec spec, MemoryTier tier) {
        return tier.capacity().value() * usableFraction(spec);
    }

    /** The share of each tier that weights and KV cache may fill. */
    public static double usableFraction(AcceleratorSpec spec) {
        return spec.parameter(USABLE_MEMORY, DEFAULT_USABLE_MEMORY);
    }

    /** The tier KV spills to: the device's second tier, if it has one. */
    public static Optional<MemoryTier> spillTier(AcceleratorSpec spec) {
        return spec.memory().size() > 1 ? Optional.of(spec.memory().get(1)) : Optional.empty();
    }

    /**
     * Why a shape does not fit, with the numbers: what the busiest device of one stage holding the whole model
     * would need, what the first stage needs at least, and what a device holds.
     */
    static String problem(ModelArchitecture m, Accelerator a, Workload w, Shape shape) {
        AcceleratorSpec spec = a.spec();
        MemoryTier primary = spec.primaryMemory();
        String tier = primary.name();
        Shape stage = shape.withStages(1, 1);
        Footprint all = Footprint.of(m, w, shard(m, stage, 0, m.layers(), tier), w.batch());
        Footprint first = Footprint.of(m, w, shard(m, stage, 0, 1, tier), w.batch());
        return String.format(Locale.ROOT, "%s at batch %d on %s: one stage of %d %s%s would need %s of weights and "
                        + "%s of KV cache on each, and the first of %d stages at least %s (embedding table and one "
                        + "layer); a %s holds %s usable (%s %s x %.2f)%s", m.id(), w.batch(), shape.label(m.isMoe()),
                stage.devices(), spec.deviceKind(), stage.devices() == 1 ? "" : "s",
                Units.gigabytes(all.weightBytes()), Units.gigabytes(all.kvBytes()), shape.pipelineStages(),
                Units.gigabytes(first.totalBytes()), spec.deviceKind(), Units.gigabytes(usable(spec, primary)),
                Units.gigabytes(primary.capacity().value()), tier, usableFraction(spec),
                spillTier(spec).map(t -> " plus " + Units.gigabytes(usable(spec, t)) + " of " + t.name()
                        + " for spilled KV").orElse(""));
    }

    private static Shard shard(ModelArchitecture m, Shape stage, int first, int end, String tier) {
        return new Shard(first, end, first == 0, end == m.layers(), stage, 1, tier, tier, null, 0,
                stage.devicesPerStage() > 1 ? "link" : null);
    }
}
