package dev.tokenscale.host.spec.silicon;

import dev.tokenscale.api.Figure;
import java.util.Objects;

/**
 * A foundry process node as the silicon model uses it; every figure in SI units with its source.
 *
 * @param id               short id, lower case ({@code "n5"})
 * @param name             display name ({@code "TSMC N5 (5 nm class)"})
 * @param sramBitcell      high-density 6T bitcell area, mm2
 * @param sramMacroDensity SRAM macro density (bitcells with assist circuits and periphery), bytes per mm2
 * @param logicDensity     transistors per mm2 as built on a large die
 * @param waferCost        price of one 300 mm wafer, USD
 * @param defectDensity    killer defects per cm2
 * @param energyPerFlop    energy of one dense FP16 operation with its on-chip SRAM traffic at the nominal clock, J
 */
public record ProcessNode(String id, String name, Figure sramBitcell, Figure sramMacroDensity, Figure logicDensity,
                          Figure waferCost, Figure defectDensity, Figure energyPerFlop) {
    public ProcessNode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sramMacroDensity, "sramMacroDensity");
        Objects.requireNonNull(logicDensity, "logicDensity");
        Objects.requireNonNull(waferCost, "waferCost");
        Objects.requireNonNull(defectDensity, "defectDensity");
        Objects.requireNonNull(energyPerFlop, "energyPerFlop");
    }
}
