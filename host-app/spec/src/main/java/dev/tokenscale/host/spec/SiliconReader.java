package dev.tokenscale.host.spec;

import dev.tokenscale.api.Figure;
import dev.tokenscale.host.spec.Fields.Range;
import dev.tokenscale.host.spec.SiliconFile.DesignFile;
import dev.tokenscale.host.spec.SiliconFile.HbmFile;
import dev.tokenscale.host.spec.SiliconFile.NodeFile;
import dev.tokenscale.host.spec.silicon.Design;
import dev.tokenscale.host.spec.silicon.DesignParameter;
import dev.tokenscale.host.spec.silicon.ProcessNode;
import dev.tokenscale.host.spec.silicon.SiliconData;
import dev.tokenscale.host.spec.silicon.Template;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the silicon data and designs files that {@code tokenscale explore} derives hardware from, strictly: every
 * figure needs a value in the right units and a source, and every error names the file and the field.
 */
public final class SiliconReader {

    /** Class-path resource of the silicon data shipped with the explorer. */
    public static final String SILICON_RESOURCE = "/silicon/silicon.yaml";
    /** Class-path resource of the designs shipped with the explorer. */
    public static final String DESIGNS_RESOURCE = "/silicon/designs.yaml";

    private SiliconReader() {
    }

    /** The silicon data shipped with the explorer. */
    public static SiliconData builtInSilicon() throws SpecException {
        return silicon(resource(SILICON_RESOURCE), SILICON_RESOURCE);
    }

    /** The designs shipped with the explorer. */
    public static List<Design> builtInDesigns() throws SpecException {
        return designs(resource(DESIGNS_RESOURCE), DESIGNS_RESOURCE);
    }

    private static InputStream resource(String name) throws SpecException {
        InputStream in = SiliconReader.class.getResourceAsStream(name);
        if (in == null) {
            throw new SpecException(name, "", "not on the class path");
        }
        return in;
    }

    /** Reads silicon data from a stream; {@code fileName} names it in errors. */
    public static SiliconData silicon(InputStream in, String fileName) throws SpecException {
        try (in) {
            return convert(SpecMapper.read(in, fileName, SiliconFile.class), new Fields(fileName));
        } catch (IOException e) {
            throw new SpecException(fileName, "", "cannot read: " + e.getMessage());
        }
    }

    /** Reads a designs file from disk. */
    public static List<Design> designs(Path file) throws SpecException {
        try {
            return designs(Files.newInputStream(file), file.toString());
        } catch (IOException e) {
            throw new SpecException(file.toString(), "", "cannot read: " + e.getMessage());
        }
    }

    /** Reads designs from a stream; {@code fileName} names it in errors. */
    public static List<Design> designs(InputStream in, String fileName) throws SpecException {
        SiliconFile.DesignsFile file;
        try (in) {
            file = SpecMapper.read(in, fileName, SiliconFile.DesignsFile.class);
        } catch (IOException e) {
            throw new SpecException(fileName, "", "cannot read: " + e.getMessage());
        }
        Fields fields = new Fields(fileName);
        if (file.designs() == null || file.designs().isEmpty()) {
            throw fields.error("designs", "missing; expected a list of designs");
        }
        List<Design> designs = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < file.designs().size(); i++) {
            Design design = design(file.designs().get(i), "designs[" + i + "]", fields);
            if (!ids.add(design.id())) {
                throw fields.error("designs[" + i + "].id", "'" + design.id() + "' appears twice; expected unique ids");
            }
            designs.add(design);
        }
        return designs;
    }

    private static Design design(DesignFile d, String path, Fields fields) throws SpecException {
        if (d == null) {
            throw fields.error(path, "missing; expected a design");
        }
        Template template = fields.enumValue(path + ".template", d.template(), Template.class);
        Map<DesignParameter, Design.Setting> parameters = new EnumMap<>(DesignParameter.class);
        if (d.parameters() != null) {
            for (Map.Entry<String, FigureFile> entry : d.parameters().entrySet()) {
                String at = path + ".parameters." + entry.getKey();
                DesignParameter parameter = DesignParameter.named(entry.getKey()).orElseThrow(() -> fields.error(at,
                        "unknown parameter; expected one of " + DesignParameter.spellings()));
                if (!parameter.appliesTo(template)) {
                    throw fields.error(at, "a " + Fields.spelling(template) + " design has no such parameter");
                }
                parameters.put(parameter, setting(parameter, entry.getValue(), at, fields));
            }
        }
        return new Design(fields.id(path + ".id", d.id()), fields.required(path + ".name", d.name()), template,
                fields.id(path + ".reference", d.reference()), parameters);
    }

    private static Design.Setting setting(DesignParameter parameter, FigureFile written, String path, Fields fields)
            throws SpecException {
        if (parameter.kind() == DesignParameter.Kind.TEXT) {
            var text = fields.text(path, written);
            return new Design.Setting(text.value().trim().toLowerCase(java.util.Locale.ROOT), text.source());
        }
        Figure figure = fields.figure(path, written, dimension(parameter), Range.NON_NEGATIVE);
        java.util.Optional<String> problem = parameter.problem(figure.value());
        if (problem.isPresent()) {
            throw fields.error(path + ".value", "'" + DesignParameter.show(figure.value()) + "': " + problem.get());
        }
        return new Design.Setting(figure.value(), figure.source());
    }

    /** The units a parameter is written in. */
    public static Dimension dimension(DesignParameter parameter) {
        return switch (parameter.kind()) {
            case FREQUENCY -> Dimension.FREQUENCY;
            case BYTES -> Dimension.BYTES;
            case AREA -> Dimension.AREA;
            default -> Dimension.NUMBER;
        };
    }

    private static SiliconData convert(SiliconFile f, Fields fields) throws SpecException {
        if (f.nodes() == null || f.nodes().isEmpty()) {
            throw fields.error("nodes", "missing; expected a list of process nodes");
        }
        List<ProcessNode> nodes = new ArrayList<>();
        for (int i = 0; i < f.nodes().size(); i++) {
            nodes.add(node(f.nodes().get(i), "nodes[" + i + "]", fields));
        }
        List<SiliconData.Hbm> hbm = new ArrayList<>();
        for (int i = 0; f.hbm() != null && i < f.hbm().size(); i++) {
            hbm.add(hbm(f.hbm().get(i), "hbm[" + i + "]", fields));
        }
        require(fields, "clock", f.clock());
        require(fields, "wafer", f.wafer());
        require(fields, "pe", f.pe());
        require(fields, "stack", f.stack());
        require(fields, "serdes", f.serdes());
        var c = f.clock();
        var w = f.wafer();
        var p = f.pe();
        var s = f.stack();
        var x = f.serdes();
        return new SiliconData(nodes,
                new SiliconData.ClockScaling(positive(fields, "clock.nominal", c.nominal(), Dimension.FREQUENCY),
                        positive(fields, "clock.voltageExponent", c.voltageExponent(), Dimension.NUMBER)),
                new SiliconData.Wafer(positive(fields, "wafer.diameter", w.diameter(), Dimension.LENGTH),
                        positive(fields, "wafer.engineArea", w.engineArea(), Dimension.AREA),
                        positive(fields, "wafer.diesAcross", w.diesAcross(), Dimension.NUMBER),
                        positive(fields, "wafer.diesDown", w.diesDown(), Dimension.NUMBER),
                        positive(fields, "wafer.fieldWidth", w.fieldWidth(), Dimension.LENGTH),
                        positive(fields, "wafer.fieldHeight", w.fieldHeight(), Dimension.LENGTH),
                        positive(fields, "wafer.coolingLimit", w.coolingLimit(), Dimension.NUMBER)),
                new SiliconData.Pe(positive(fields, "pe.portBytesPerCycle", p.portBytesPerCycle(), Dimension.NUMBER),
                        fields.figure("pe.bankEfficiency", p.bankEfficiency(), Dimension.NUMBER, Range.FRACTION),
                        positive(fields, "pe.flopsPerLane", p.flopsPerLane(), Dimension.NUMBER)),
                new SiliconData.Stack(positive(fields, "stack.bondPitch", s.bondPitch(), Dimension.LENGTH),
                        positive(fields, "stack.signalRate", s.signalRate(), Dimension.SIGNAL_RATE),
                        positive(fields, "stack.bondEnergy", s.bondEnergy(), Dimension.ENERGY),
                        positive(fields, "stack.layerDensity", s.layerDensity(), Dimension.DENSITY),
                        fields.text("stack.layerDensityNode", s.layerDensityNode()),
                        positive(fields, "stack.coolingResistance", s.coolingResistance(), Dimension.NUMBER),
                        positive(fields, "stack.layerResistance", s.layerResistance(), Dimension.NUMBER),
                        positive(fields, "stack.temperatureRise", s.temperatureRise(), Dimension.NUMBER)),
                new SiliconData.Serdes(positive(fields, "serdes.laneRate", x.laneRate(), Dimension.SIGNAL_RATE),
                        positive(fields, "serdes.laneArea", x.laneArea(), Dimension.AREA),
                        positive(fields, "serdes.energy", x.energy(), Dimension.ENERGY),
                        positive(fields, "serdes.shoreline", x.shoreline(), Dimension.BANDWIDTH)),
                hbm);
    }

    private static void require(Fields fields, String path, Object section) throws SpecException {
        if (section == null) {
            throw fields.error(path, "missing; expected a mapping (data/silicon/README.md)");
        }
    }

    private static Figure positive(Fields fields, String path, FigureFile written, Dimension dimension)
            throws SpecException {
        return fields.figure(path, written, dimension, Range.POSITIVE);
    }

    private static ProcessNode node(NodeFile n, String path, Fields fields) throws SpecException {
        if (n == null) {
            throw fields.error(path, "missing; expected a process node");
        }
        return new ProcessNode(fields.id(path + ".id", n.id()), fields.required(path + ".name", n.name()),
                positive(fields, path + ".sramBitcell", n.sramBitcell(), Dimension.AREA),
                positive(fields, path + ".sramMacroDensity", n.sramMacroDensity(), Dimension.DENSITY),
                positive(fields, path + ".logicDensity", n.logicDensity(), Dimension.NUMBER),
                positive(fields, path + ".waferCost", n.waferCost(), Dimension.MONEY),
                positive(fields, path + ".defectDensity", n.defectDensity(), Dimension.NUMBER),
                positive(fields, path + ".energyPerFlop", n.energyPerFlop(), Dimension.ENERGY));
    }

    private static SiliconData.Hbm hbm(HbmFile h, String path, Fields fields) throws SpecException {
        if (h == null) {
            throw fields.error(path, "missing; expected an HBM generation");
        }
        return new SiliconData.Hbm(fields.id(path + ".id", h.id()),
                positive(fields, path + ".capacity", h.capacity(), Dimension.BYTES),
                positive(fields, path + ".bandwidth", h.bandwidth(), Dimension.BANDWIDTH),
                positive(fields, path + ".shoreline", h.shoreline(), Dimension.LENGTH),
                positive(fields, path + ".energy", h.energy(), Dimension.ENERGY),
                positive(fields, path + ".pricePerGb", h.pricePerGb(), Dimension.MONEY));
    }
}
