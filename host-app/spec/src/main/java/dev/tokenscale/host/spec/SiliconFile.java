package dev.tokenscale.host.spec;

import java.util.List;
import java.util.Map;

/** The silicon data and designs files as written ({@code data/silicon/README.md}); {@link SiliconReader} checks them. */
record SiliconFile(List<NodeFile> nodes, ClockFile clock, WaferFile wafer, PeFile pe, StackFile stack,
                   SerdesFile serdes, List<HbmFile> hbm) {

    record NodeFile(String id, String name, FigureFile sramBitcell, FigureFile sramMacroDensity,
                    FigureFile logicDensity, FigureFile waferCost, FigureFile defectDensity,
                    FigureFile energyPerFlop) {
    }

    record ClockFile(FigureFile nominal, FigureFile voltageExponent) {
    }

    record WaferFile(FigureFile diameter, FigureFile engineArea, FigureFile diesAcross, FigureFile diesDown,
                     FigureFile fieldWidth, FigureFile fieldHeight, FigureFile coolingLimit) {
    }

    record PeFile(FigureFile portBytesPerCycle, FigureFile bankEfficiency, FigureFile flopsPerLane) {
    }

    record StackFile(FigureFile bondPitch, FigureFile signalRate, FigureFile bondEnergy, FigureFile layerDensity,
                     FigureFile layerDensityNode, FigureFile coolingResistance, FigureFile layerResistance,
                     FigureFile temperatureRise) {
    }

    record SerdesFile(FigureFile laneRate, FigureFile laneArea, FigureFile energy, FigureFile shoreline) {
    }

    record HbmFile(String id, FigureFile capacity, FigureFile bandwidth, FigureFile shoreline, FigureFile energy,
                   FigureFile pricePerGb) {
    }

    /** A designs file: a list of designs. */
    record DesignsFile(List<DesignFile> designs) {
    }

    record DesignFile(String id, String name, String template, String reference,
                      Map<String, FigureFile> parameters) {
    }
}
