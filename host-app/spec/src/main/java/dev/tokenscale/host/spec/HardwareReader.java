package dev.tokenscale.host.spec;

import dev.tokenscale.api.AcceleratorSpec;
import dev.tokenscale.api.ComputeRate;
import dev.tokenscale.api.CostSpec;
import dev.tokenscale.api.Figure;
import dev.tokenscale.api.HardwareStatus;
import dev.tokenscale.api.Interconnect;
import dev.tokenscale.api.LinkScope;
import dev.tokenscale.api.MemoryKind;
import dev.tokenscale.api.MemoryTier;
import dev.tokenscale.api.PowerSpec;
import dev.tokenscale.api.Precision;
import dev.tokenscale.api.Silicon;
import dev.tokenscale.api.StackSpec;
import dev.tokenscale.api.SystemSpec;
import dev.tokenscale.host.spec.Fields.Range;
import dev.tokenscale.host.spec.HardwareFile.LinkFile;
import dev.tokenscale.host.spec.HardwareFile.RateFile;
import dev.tokenscale.host.spec.HardwareFile.TierFile;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reads and checks hardware spec files (schema: {@code docs/hardware-spec.md}). */
public final class HardwareReader {

    /**
     * Most devices in one system or one link's domain: the largest scale-up domains sold have 576 GPUs, so a
     * million leaves room while keeping device counts, and their products with batch sizes, exact.
     */
    public static final int MAX_DEVICES = 1_000_000;

    private HardwareReader() {
    }

    /** Whether a figure's source is one a spec may give: a URL, "estimate: why" or "calibrated: ...". */
    public static boolean isSource(String source) {
        return source.startsWith("https://") || source.startsWith("http://")
                || source.startsWith(Figure.ESTIMATE_PREFIX) || source.startsWith(Figure.CALIBRATED_PREFIX);
    }

    /** Reads a spec file from disk. */
    public static AcceleratorSpec read(Path file) throws SpecException {
        return convert(SpecMapper.read(file, HardwareFile.class), new Fields(file.toString()));
    }

    /** Reads a spec from a stream; {@code fileName} names it in errors and picks YAML or JSON. */
    public static AcceleratorSpec read(InputStream in, String fileName) throws SpecException {
        return convert(SpecMapper.read(in, fileName, HardwareFile.class), new Fields(fileName));
    }

    /** Reads a spec from a file's bytes; {@code fileName} names it in errors and picks YAML or JSON. */
    public static AcceleratorSpec read(byte[] content, String fileName) throws SpecException {
        return convert(SpecMapper.read(content, fileName, HardwareFile.class), new Fields(fileName));
    }

    static AcceleratorSpec convert(HardwareFile f, Fields fields) throws SpecException {
        String id = fields.id("id", f.id());
        List<Interconnect> links = interconnects(f.interconnects(), fields);
        Set<String> linkNames = new HashSet<>();
        links.forEach(l -> linkNames.add(l.name()));
        HardwareStatus status = f.status() == null ? HardwareStatus.SHIPPING
                : fields.enumValue("status", f.status(), HardwareStatus.class);
        if (f.power() == null) {
            throw fields.error("power", "missing; expected {device: {value: ... W, source: ...}, system: {...}}");
        }
        if (f.cost() == null) {
            throw fields.error("cost", "missing; expected {capex: {value: ... USD, source: ...}}");
        }
        if (f.system() == null) {
            throw fields.error("system", "missing; expected {name: ..., devices: {value: N, source: ...}}");
        }
        return new AcceleratorSpec(id, fields.required("name", f.name()), fields.required("vendor", f.vendor()),
                fields.id("family", f.family()), fields.required("deviceKind", f.deviceKind()), status,
                f.description() == null ? "" : f.description().trim(), silicon(f, fields),
                compute(f.compute(), fields), memory(f.memory(), linkNames, fields), links,
                new PowerSpec(fields.figure("power.device", f.power().device(), Dimension.POWER, Range.POSITIVE),
                        fields.figure("power.system", f.power().system(), Dimension.POWER, Range.POSITIVE)),
                new CostSpec(fields.figure("cost.capex", f.cost().capex(), Dimension.MONEY, Range.POSITIVE),
                        fields.optionalFigure("cost.billOfMaterials", f.cost().billOfMaterials(), Dimension.MONEY,
                                Range.POSITIVE),
                        fields.optionalFigure("cost.siliconCost", f.cost().siliconCost(), Dimension.MONEY,
                                Range.POSITIVE)),
                new SystemSpec(fields.required("system.name", f.system().name()),
                        wholeNumber("system.devices", f.system().devices(), MAX_DEVICES, fields)),
                stack(f.stack(), fields), execution(f.execution(), fields));
    }

    private static Silicon silicon(HardwareFile f, Fields fields) throws SpecException {
        HardwareFile.SiliconFile s = f.silicon();
        if (s == null) {
            return null;
        }
        return new Silicon(fields.text("silicon.processNode", s.processNode()),
                fields.optionalFigure("silicon.dieArea", s.dieArea(), Dimension.AREA, Range.POSITIVE),
                fields.optionalFigure("silicon.dies", s.dies(), Dimension.NUMBER, Range.POSITIVE),
                fields.optionalFigure("silicon.transistors", s.transistors(), Dimension.NUMBER, Range.POSITIVE),
                fields.optionalFigure("silicon.cores", s.cores(), Dimension.NUMBER, Range.POSITIVE),
                fields.optionalFigure("silicon.clock", s.clock(), Dimension.FREQUENCY, Range.POSITIVE));
    }

    private static Map<Precision, ComputeRate> compute(Map<String, RateFile> written, Fields fields)
            throws SpecException {
        if (written == null || written.isEmpty()) {
            throw fields.error("compute", "missing; expected at least one precision, e.g. bf16: {dense: ...}");
        }
        Map<Precision, ComputeRate> rates = new EnumMap<>(Precision.class);
        for (Map.Entry<String, RateFile> entry : written.entrySet()) {
            String path = "compute." + entry.getKey();
            Precision precision = fields.enumValue(path, entry.getKey(), Precision.class);
            RateFile rate = entry.getValue();
            if (rate == null) {
                throw fields.error(path, "missing; expected {dense: {value: ..., source: ...}}");
            }
            Figure dense = fields.figure(path + ".dense", rate.dense(), Dimension.FLOPS, Range.POSITIVE);
            Figure marketed = fields.optionalFigure(path + ".marketed", rate.marketed(), Dimension.FLOPS,
                    Range.POSITIVE);
            if (marketed != null && marketed.value() < dense.value()) {
                throw fields.error(path + ".marketed.value", "'" + rate.marketed().value()
                        + "': expected at least the dense figure " + rate.dense().value()
                        + " (marketed figures add sparsity, they never subtract)");
            }
            rates.put(precision, new ComputeRate(dense, marketed));
        }
        return rates;
    }

    private static List<MemoryTier> memory(List<TierFile> written, Set<String> linkNames, Fields fields)
            throws SpecException {
        if (written == null || written.isEmpty()) {
            throw fields.error("memory", "missing; expected a list of tiers with name, kind, capacity, bandwidth");
        }
        List<MemoryTier> tiers = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < written.size(); i++) {
            String path = "memory[" + i + "]";
            TierFile t = written.get(i);
            if (t == null) {
                throw fields.error(path, "missing; expected a tier with name, kind, capacity and bandwidth");
            }
            String name = fields.id(path + ".name", t.name());
            if (!names.add(name)) {
                throw fields.error(path + ".name", "'" + name + "' is used by two tiers; expected unique names");
            }
            if (t.via() != null && !linkNames.contains(t.via())) {
                throw fields.error(path + ".via", "'" + SpecMapper.quoted(t.via()) + "': expected the name of an interconnect"
                        + (linkNames.isEmpty() ? ", but interconnects lists none"
                        : ", one of " + String.join(", ", new TreeSet<>(linkNames))));
            }
            tiers.add(new MemoryTier(name, fields.enumValue(path + ".kind", t.kind(), MemoryKind.class),
                    fields.figure(path + ".capacity", t.capacity(), Dimension.BYTES, Range.POSITIVE),
                    fields.figure(path + ".bandwidth", t.bandwidth(), Dimension.BANDWIDTH, Range.POSITIVE),
                    t.via()));
        }
        return tiers;
    }

    private static List<Interconnect> interconnects(List<LinkFile> written, Fields fields) throws SpecException {
        List<Interconnect> links = new ArrayList<>();
        if (written == null) {
            return links;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < written.size(); i++) {
            String path = "interconnects[" + i + "]";
            LinkFile l = written.get(i);
            if (l == null) {
                throw fields.error(path, "missing; expected a link with name, scope, bandwidth, latency and domainSize");
            }
            String name = fields.id(path + ".name", l.name());
            if (!names.add(name)) {
                throw fields.error(path + ".name", "'" + name + "' is used by two links; expected unique names");
            }
            links.add(new Interconnect(name, fields.enumValue(path + ".scope", l.scope(), LinkScope.class),
                    fields.figure(path + ".bandwidth", l.bandwidth(), Dimension.BANDWIDTH, Range.POSITIVE),
                    fields.figure(path + ".latency", l.latency(), Dimension.TIME, Range.NON_NEGATIVE),
                    wholeNumber(path + ".domainSize", l.domainSize(), MAX_DEVICES, fields)));
        }
        return links;
    }

    private static Figure wholeNumber(String path, FigureFile written, double max, Fields fields)
            throws SpecException {
        Figure figure = fields.figure(path, written, Dimension.NUMBER, Range.POSITIVE);
        if (figure.value() != Math.rint(figure.value()) || figure.value() > max) {
            throw fields.error(path + ".value", "'" + SpecMapper.quoted(String.valueOf(written.value()))
                    + "': expected a whole number from 1 to " + String.format(Locale.ROOT, "%,.0f", max));
        }
        return figure;
    }

    private static StackSpec stack(HardwareFile.StackFile s, Fields fields) throws SpecException {
        if (s == null) {
            return null;
        }
        return new StackSpec(wholeNumber("stack.layers", s.layers(), 10_000, fields),
                fields.figure("stack.layerArea", s.layerArea(), Dimension.AREA, Range.POSITIVE),
                fields.figure("stack.sramDensity", s.sramDensity(), Dimension.DENSITY, Range.POSITIVE),
                wholeNumber("stack.verticalSignals", s.verticalSignals(), Range.LARGEST, fields),
                fields.figure("stack.signalRate", s.signalRate(), Dimension.SIGNAL_RATE, Range.POSITIVE));
    }

    /**
     * Execution parameters: a time when written with a unit, else a plain number; names ending in
     * {@code Efficiency} are fractions of a peak, above 0 and at most 1.
     */
    public static Map<String, Figure> execution(Map<String, FigureFile> written, Fields fields)
            throws SpecException {
        Map<String, Figure> parameters = new LinkedHashMap<>();
        if (written == null) {
            return parameters;
        }
        for (Map.Entry<String, FigureFile> entry : written.entrySet()) {
            String path = "execution." + entry.getKey();
            FigureFile value = entry.getValue();
            boolean timed = value != null && value.value() instanceof String text && !text.isBlank()
                    && !Character.isDigit(text.strip().charAt(text.strip().length() - 1));
            Range range = entry.getKey().endsWith("Efficiency") ? Range.FRACTION : Range.NON_NEGATIVE;
            parameters.put(entry.getKey(), fields.figure(path, value, timed ? Dimension.TIME : Dimension.NUMBER,
                    range));
        }
        return parameters;
    }
}
