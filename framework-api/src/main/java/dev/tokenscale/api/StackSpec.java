package dev.tokenscale.api;

import java.util.Objects;

/**
 * Parameters of hybrid-bonded stacked SRAM: layers of SRAM dies bonded in Z onto a logic die. A family that
 * understands them derives the SRAM tier's capacity and bandwidth from these instead of taking one number.
 *
 * @param layers          stacked SRAM layers
 * @param layerArea       area of one layer, mm2
 * @param sramDensity     usable SRAM per area, bytes per mm2
 * @param verticalSignals vertical signals (bonds) that carry data between the stack and the logic die
 * @param signalRate      bit rate of one vertical signal, bits/s
 */
public record StackSpec(Figure layers, Figure layerArea, Figure sramDensity, Figure verticalSignals,
                        Figure signalRate) {
    public StackSpec {
        Objects.requireNonNull(layers, "layers");
        Objects.requireNonNull(layerArea, "layerArea");
        Objects.requireNonNull(sramDensity, "sramDensity");
        Objects.requireNonNull(verticalSignals, "verticalSignals");
        Objects.requireNonNull(signalRate, "signalRate");
    }
}
