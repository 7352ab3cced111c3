package dev.tokenscale.plugin.groqstacked;

import dev.tokenscale.api.AcceleratorFamily;
import dev.tokenscale.api.AcceleratorSpec;
import dev.tokenscale.api.ExecutionModel;
import dev.tokenscale.api.Figure;
import dev.tokenscale.api.MemoryKind;
import dev.tokenscale.api.MemoryTier;
import dev.tokenscale.api.StackSpec;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * SRAM LPUs (Groq TSP lineage) and hybrid-bonded stacked SRAM: weights resident in SRAM across many chips kept in
 * lock-step by the compiler, so decode is bound by a deterministic per-stage latency and chip-to-chip hops.
 *
 * <p>For a stacked-SRAM part the SRAM tier is derived from the stack rather than declared: capacity is the base
 * die's SRAM plus layers x layer area x density, and bandwidth is vertical signals x signal rate / 8, so a user
 * can change the layer count in a spec file and get a new part.
 */
@Component(service = AcceleratorFamily.class,
        property = AcceleratorFamily.SERVICE_PROPERTY_ID + "=" + LpuFamily.ID)
public final class LpuFamily implements AcceleratorFamily {

    /** The id that LPU specs name in their {@code family} field. */
    public static final String ID = "groq-lpu";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "SRAM LPU: weights resident in SRAM over many lock-step chips, per-stage latency and chip-to-chip hops";
    }

    @Override
    public AcceleratorSpec resolve(AcceleratorSpec declared) {
        StackSpec stack = declared.stack();
        if (stack == null) {
            return declared;
        }
        List<MemoryTier> tiers = new ArrayList<>(declared.memory());
        MemoryTier base = tiers.get(0);
        if (base.kind() != MemoryKind.SRAM) {
            throw new IllegalArgumentException(declared.id() + ": a stacked part's first memory tier must be SRAM");
        }
        double stackedBytes = stack.layers().value() * stack.layerArea().value() * stack.sramDensity().value();
        double stackBandwidth = stack.verticalSignals().value() * stack.signalRate().value() / 8.0;
        Figure capacity = new Figure(base.capacity().value() + stackedBytes,
                "estimate: base SRAM + stack.layers x stack.layerArea x stack.sramDensity",
                "derived from the stack parameters; base die " + base.capacity().value() / 1e6 + " MB");
        Figure bandwidth = new Figure(stackBandwidth,
                "estimate: stack.verticalSignals x stack.signalRate / 8",
                "derived from the stack parameters");
        tiers.set(0, new MemoryTier(base.name(), base.kind(), capacity, bandwidth, base.via()));
        return declared.withMemory(tiers);
    }

    @Override
    public ExecutionModel executionModel(AcceleratorSpec spec) {
        return new LpuExecutionModel(spec);
    }
}
