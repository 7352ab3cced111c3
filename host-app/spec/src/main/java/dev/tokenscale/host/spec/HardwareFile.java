package dev.tokenscale.host.spec;

import java.util.List;
import java.util.Map;

/**
 * A hardware spec file exactly as written (YAML or JSON); {@link HardwareReader} checks it and converts it to an
 * {@link dev.tokenscale.api.AcceleratorSpec}. The schema is documented in {@code docs/hardware-spec.md}.
 */
public record HardwareFile(String id, String name, String vendor, String family, String deviceKind, String status,
                           String description, SiliconFile silicon, Map<String, RateFile> compute,
                           List<TierFile> memory, List<LinkFile> interconnects, PowerFile power, CostFile cost,
                           SystemFile system, StackFile stack, Map<String, FigureFile> execution) {

    /** Silicon facts; {@code processNode} is a text figure. */
    public record SiliconFile(FigureFile processNode, FigureFile dieArea, FigureFile dies, FigureFile transistors,
                              FigureFile cores, FigureFile clock) {
    }

    /** Dense and (optional) marketed peak for one precision. */
    public record RateFile(FigureFile dense, FigureFile marketed) {
    }

    /** One memory tier. */
    public record TierFile(String name, String kind, FigureFile capacity, FigureFile bandwidth, String via) {
    }

    /** One interconnect. */
    public record LinkFile(String name, String scope, FigureFile bandwidth, FigureFile latency,
                           FigureFile domainSize) {
    }

    /** Device and system power. */
    public record PowerFile(FigureFile device, FigureFile system) {
    }

    /** What the system costs. */
    public record CostFile(FigureFile capex, FigureFile billOfMaterials, FigureFile siliconCost) {
    }

    /** The unit that is bought and powered. */
    public record SystemFile(String name, FigureFile devices) {
    }

    /** Stacked-SRAM parameters. */
    public record StackFile(FigureFile layers, FigureFile layerArea, FigureFile sramDensity,
                            FigureFile verticalSignals, FigureFile signalRate) {
    }
}
