package dev.tokenscale.host.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenscale.api.AcceleratorSpec;
import dev.tokenscale.api.ComputeRate;
import dev.tokenscale.api.Figure;
import dev.tokenscale.api.Precision;
import dev.tokenscale.api.Silicon;
import dev.tokenscale.api.SourcedText;
import dev.tokenscale.api.StackSpec;
import dev.tokenscale.host.spec.HardwareFile.CostFile;
import dev.tokenscale.host.spec.HardwareFile.LinkFile;
import dev.tokenscale.host.spec.HardwareFile.PowerFile;
import dev.tokenscale.host.spec.HardwareFile.RateFile;
import dev.tokenscale.host.spec.HardwareFile.SiliconFile;
import dev.tokenscale.host.spec.HardwareFile.StackFile;
import dev.tokenscale.host.spec.HardwareFile.SystemFile;
import dev.tokenscale.host.spec.HardwareFile.TierFile;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a spec back in the spec-file schema, the inverse of {@link HardwareReader}: with SI numbers for machines
 * (the result reads back to the same spec) or with human units for people.
 */
public final class HardwareWriter {

    /** How figure values are written. */
    public enum Notation {
        /** Plain numbers in SI units (bytes, bytes/s, FLOP/s, W, USD, s). */
        SI,
        /** Text in human units ({@code "44 GB"}, {@code "21 PB/s"}, {@code "$450,000"}). */
        HUMAN
    }

    /**
     * One sourced figure of a spec.
     *
     * @param path   where it sits, e.g. {@code memory[sram].capacity} (list entries are named by their name)
     * @param value  a number (SI notation) or a text
     * @param source a URL or {@code "estimate: why"}
     * @param note   optional context, or {@code null}
     */
    public record Fact(String path, Object value, String source, String note) {
    }

    private final Notation notation;

    private HardwareWriter(Notation notation) {
        this.notation = notation;
    }

    /** The spec as a spec file. */
    public static HardwareFile write(AcceleratorSpec spec, Notation notation) {
        return new HardwareWriter(notation).file(spec);
    }

    /** Every sourced figure of the spec, in file order. */
    public static List<Fact> facts(AcceleratorSpec spec, Notation notation) {
        List<Fact> facts = new ArrayList<>();
        collect(SpecMapper.mapperFor(".json").valueToTree(write(spec, notation)), "", facts);
        return facts;
    }

    private static void collect(JsonNode node, String path, List<Fact> facts) {
        if (node.has("value") && node.has("source")) {
            JsonNode value = node.get("value");
            facts.add(new Fact(path, value.isNumber() ? value.numberValue() : value.asText(),
                    node.get("source").asText(), node.get("note").isNull() ? null : node.get("note").asText()));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode name = node.get(i).get("name");
                collect(node.get(i), path + "[" + (name == null ? String.valueOf(i) : name.asText()) + "]", facts);
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                collect(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey(), facts);
            }
        }
    }

    private HardwareFile file(AcceleratorSpec spec) {
        Map<String, RateFile> compute = new LinkedHashMap<>();
        for (Precision precision : Precision.values()) {
            ComputeRate rate = spec.compute().get(precision);
            if (rate != null) {
                compute.put(Fields.spelling(precision), new RateFile(rate(rate.dense(), precision),
                        rate(rate.marketed(), precision)));
            }
        }
        Map<String, FigureFile> execution = new LinkedHashMap<>();
        new TreeMap<>(spec.execution()).forEach((name, figure) -> execution.put(name, figure(figure,
                Dimension.NUMBER)));
        return new HardwareFile(spec.id(), spec.name(), spec.vendor(), spec.family(), spec.deviceKind(),
                spec.status() == null ? null : Fields.spelling(spec.status()), spec.description(),
                silicon(spec.silicon()), compute,
                spec.memory().stream().map(t -> new TierFile(t.name(), Fields.spelling(t.kind()),
                        figure(t.capacity(), Dimension.BYTES), figure(t.bandwidth(), Dimension.BANDWIDTH), t.via()))
                        .toList(),
                spec.interconnects().stream().map(l -> new LinkFile(l.name(), Fields.spelling(l.scope()),
                        figure(l.bandwidth(), Dimension.BANDWIDTH), figure(l.latency(), Dimension.TIME),
                        figure(l.domainSize(), Dimension.NUMBER))).toList(),
                new PowerFile(figure(spec.power().device(), Dimension.POWER),
                        figure(spec.power().system(), Dimension.POWER)),
                new CostFile(figure(spec.cost().capex(), Dimension.MONEY),
                        figure(spec.cost().billOfMaterials(), Dimension.MONEY),
                        figure(spec.cost().siliconCost(), Dimension.MONEY)),
                new SystemFile(spec.system().name(), figure(spec.system().devices(), Dimension.NUMBER)),
                stack(spec.stack()), execution);
    }

    private SiliconFile silicon(Silicon s) {
        if (s == null) {
            return null;
        }
        SourcedText node = s.processNode();
        return new SiliconFile(new FigureFile(node.value(), node.source(), node.note()),
                figure(s.dieArea(), Dimension.AREA), figure(s.dies(), Dimension.NUMBER),
                figure(s.transistors(), Dimension.NUMBER), figure(s.cores(), Dimension.NUMBER),
                figure(s.clock(), Dimension.FREQUENCY));
    }

    private StackFile stack(StackSpec s) {
        return s == null ? null : new StackFile(figure(s.layers(), Dimension.NUMBER),
                figure(s.layerArea(), Dimension.AREA), figure(s.sramDensity(), Dimension.DENSITY),
                figure(s.verticalSignals(), Dimension.NUMBER), figure(s.signalRate(), Dimension.SIGNAL_RATE));
    }

    /** A compute rate; integer formats count operations, not floating-point operations. */
    private FigureFile rate(Figure rate, Precision precision) {
        FigureFile written = figure(rate, Dimension.FLOPS);
        if (written == null || notation == Notation.SI || precision != Precision.INT8) {
            return written;
        }
        return new FigureFile(((String) written.value()).replace("FLOPS", "OPS"), written.source(), written.note());
    }

    private FigureFile figure(Figure figure, Dimension dimension) {
        if (figure == null) {
            return null;
        }
        return new FigureFile(notation == Notation.HUMAN ? Quantities.format(figure.value(), dimension)
                : number(figure.value()), figure.source(), figure.note());
    }

    /** Whole numbers as integers, so JSON shows 44000000000 rather than 4.4E10. */
    private static Object number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 0x1p53 ? (Object) (long) value : value;
    }
}
