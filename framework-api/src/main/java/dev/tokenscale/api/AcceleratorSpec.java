package dev.tokenscale.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One accelerator system as data: what one device computes, holds and moves, what it draws and costs, and the
 * parameters its family's {@link ExecutionModel} reads. Every figure carries its source.
 *
 * @param id            stable id, lowercase letters, digits and dashes (e.g. {@code "cerebras-cs3"})
 * @param name          display name
 * @param vendor        who makes it
 * @param family        id of the {@link AcceleratorFamily} whose execution model runs it ({@code "roofline"} for
 *                      the host's default)
 * @param deviceKind    what one device is called ("GPU", "wafer", "chip")
 * @param status        shipping, historical or roadmap
 * @param description   one sentence for a human
 * @param silicon       silicon facts
 * @param compute       peak rates per precision
 * @param memory        memory tiers per device, fastest first
 * @param interconnects links between devices
 * @param power         power draw
 * @param cost          what it costs
 * @param system        the unit that is bought and powered
 * @param stack         stacked-SRAM parameters, or {@code null}
 * @param execution     named execution-model parameters (efficiencies, overheads, latencies), each sourced
 */
public record AcceleratorSpec(String id, String name, String vendor, String family, String deviceKind,
                              HardwareStatus status, String description, Silicon silicon,
                              Map<Precision, ComputeRate> compute, List<MemoryTier> memory,
                              List<Interconnect> interconnects, PowerSpec power, CostSpec cost, SystemSpec system,
                              StackSpec stack, Map<String, Figure> execution) {

    public AcceleratorSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(power, "power");
        Objects.requireNonNull(cost, "cost");
        Objects.requireNonNull(system, "system");
        compute = Map.copyOf(compute);
        memory = List.copyOf(memory);
        interconnects = List.copyOf(interconnects);
        execution = Map.copyOf(execution);
        if (memory.isEmpty()) {
            throw new IllegalArgumentException(id + ": a device needs at least one memory tier");
        }
    }

    /** The first (fastest) memory tier: where weights live when they fit. */
    public MemoryTier primaryMemory() {
        return memory.get(0);
    }

    /** The memory tier with this name. */
    public Optional<MemoryTier> memoryTier(String tierName) {
        return memory.stream().filter(t -> t.name().equals(tierName)).findFirst();
    }

    /** The interconnect with this name. */
    public Optional<Interconnect> interconnect(String linkName) {
        return interconnects.stream().filter(l -> l.name().equals(linkName)).findFirst();
    }

    /** The fastest interconnect of this scope. */
    public Optional<Interconnect> interconnect(LinkScope scope) {
        return interconnects.stream().filter(l -> l.scope() == scope)
                .max((a, b) -> Double.compare(a.bandwidth().value(), b.bandwidth().value()));
    }

    /**
     * The dense rate a computation in this precision runs at: the first of {@link Precision#computeFallbacks()}
     * that the device supports.
     */
    public Optional<Map.Entry<Precision, ComputeRate>> computeFor(Precision precision) {
        for (Precision candidate : precision.computeFallbacks()) {
            ComputeRate rate = compute.get(candidate);
            if (rate != null) {
                return Optional.of(Map.entry(candidate, rate));
            }
        }
        return Optional.empty();
    }

    /** An execution parameter's value, or the fallback when the spec does not set it. */
    public double parameter(String parameterName, double fallback) {
        Figure figure = execution.get(parameterName);
        return figure == null ? fallback : figure.value();
    }

    /** Devices in one system. */
    public int devicesPerSystem() {
        return (int) Math.round(system.devices().value());
    }

    /** A copy with other execution parameters (used by calibration). */
    public AcceleratorSpec withExecution(Map<String, Figure> newExecution) {
        return new AcceleratorSpec(id, name, vendor, family, deviceKind, status, description, silicon, compute,
                memory, interconnects, power, cost, system, stack, newExecution);
    }

    /** A copy with other memory tiers (used by families that derive tiers, e.g. from stacked-SRAM parameters). */
    public AcceleratorSpec withMemory(List<MemoryTier> newMemory) {
        return new AcceleratorSpec(id, name, vendor, family, deviceKind, status, description, silicon, compute,
                newMemory, interconnects, power, cost, system, stack, execution);
    }
}
