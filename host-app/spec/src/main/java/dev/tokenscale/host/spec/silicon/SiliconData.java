package dev.tokenscale.host.spec.silicon;

import dev.tokenscale.api.Figure;
import dev.tokenscale.api.SourcedText;
import java.util.List;
import java.util.Optional;

/**
 * The silicon facts that hardware is derived from ({@code data/silicon/silicon.yaml}): process nodes, clock scaling,
 * the wafer and its exposure fields, a wafer-scale processing element, stacked SRAM, off-chip SerDes and HBM
 * stacks. Every figure is in SI units (areas in mm2) with its source.
 *
 * @param nodes  process nodes, in the file's order
 * @param clock  how energy per operation grows with the clock
 * @param wafer  wafer and exposure-field geometry
 * @param pe     a wafer-scale processing element
 * @param stack  hybrid-bonded SRAM layers
 * @param serdes off-chip SerDes lanes
 * @param hbm    HBM stacks by generation
 */
public record SiliconData(List<ProcessNode> nodes, ClockScaling clock, Wafer wafer, Pe pe, Stack stack,
                          Serdes serdes, List<Hbm> hbm) {

    public SiliconData {
        nodes = List.copyOf(nodes);
        hbm = List.copyOf(hbm);
    }

    /** The node with this id, in any case. */
    public Optional<ProcessNode> node(String id) {
        return nodes.stream().filter(n -> n.id().equalsIgnoreCase(id.trim())).findFirst();
    }

    /** The HBM generation with this id, in any case. */
    public Optional<Hbm> hbm(String id) {
        return hbm.stream().filter(h -> h.id().equalsIgnoreCase(id.trim())).findFirst();
    }

    /**
     * Energy per operation holds down to the nominal clock and grows with (clock / nominal) to this exponent above.
     *
     * @param nominal         nominal clock, Hz
     * @param voltageExponent exponent of the clock ratio
     */
    public record ClockScaling(Figure nominal, Figure voltageExponent) {
    }

    /**
     * The wafer and the wafer-scale engine cut from it.
     *
     * @param diameter     wafer diameter, m
     * @param engineArea   area of a wafer-scale engine, mm2
     * @param diesAcross   exposure dies across the engine
     * @param diesDown     exposure dies down the engine
     * @param fieldWidth   largest exposure field's width, m
     * @param fieldHeight  largest exposure field's height, m
     * @param coolingLimit watts per mm2 that cooling removes from a die
     */
    public record Wafer(Figure diameter, Figure engineArea, Figure diesAcross, Figure diesDown, Figure fieldWidth,
                        Figure fieldHeight, Figure coolingLimit) {
    }

    /**
     * A wafer-scale processing element.
     *
     * @param portBytesPerCycle SRAM bytes a PE reads and writes per cycle
     * @param bankEfficiency    density of a PE's small SRAM banks over a large macro's
     * @param flopsPerLane      operations per SIMD lane per cycle
     */
    public record Pe(Figure portBytesPerCycle, Figure bankEfficiency, Figure flopsPerLane) {
    }

    /**
     * Hybrid-bonded SRAM layers on a logic die.
     *
     * @param bondPitch          hybrid-bond pitch, m
     * @param signalRate         bit rate of one vertical signal, bits/s
     * @param bondEnergy         energy per bit across a bond, J
     * @param layerDensity       SRAM per mm2 of a stacked SRAM die on {@code layerDensityNode}, bytes per mm2
     * @param layerDensityNode   the node that density was measured on
     * @param coolingResistance  thermal resistance from the top die to the coolant, K cm2/W
     * @param layerResistance    thermal resistance each bonded layer adds, K cm2/W
     * @param temperatureRise    largest temperature rise from coolant to junction, K
     */
    public record Stack(Figure bondPitch, Figure signalRate, Figure bondEnergy, Figure layerDensity,
                        SourcedText layerDensityNode, Figure coolingResistance, Figure layerResistance,
                        Figure temperatureRise) {
    }

    /**
     * Off-chip SerDes lanes.
     *
     * @param laneRate  bit rate of one lane per direction, bits/s
     * @param laneArea  area of one lane, mm2
     * @param energy    energy per bit, J
     * @param shoreline most off-chip bandwidth per mm of die edge, bytes/s
     */
    public record Serdes(Figure laneRate, Figure laneArea, Figure energy, Figure shoreline) {
    }

    /**
     * One HBM stack of a generation.
     *
     * @param id         generation id ({@code "hbm3e"})
     * @param capacity   bytes per stack
     * @param bandwidth  bytes/s per stack
     * @param shoreline  die edge its PHY needs, m
     * @param energy     energy per bit, J
     * @param pricePerGb USD per GB
     */
    public record Hbm(String id, Figure capacity, Figure bandwidth, Figure shoreline, Figure energy,
                      Figure pricePerGb) {
    }
}
