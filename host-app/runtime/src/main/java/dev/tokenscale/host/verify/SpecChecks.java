package dev.tokenscale.host.verify;

import dev.tokenscale.api.AcceleratorSpec;
import dev.tokenscale.api.ComputeRate;
import dev.tokenscale.api.Figure;
import dev.tokenscale.api.Interconnect;
import dev.tokenscale.api.MemoryKind;
import dev.tokenscale.api.MemoryTier;
import dev.tokenscale.api.Precision;
import dev.tokenscale.api.Silicon;
import dev.tokenscale.api.StackSpec;
import dev.tokenscale.host.units.Units;
import dev.tokenscale.host.spec.HardwareReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks that a (resolved) hardware spec is complete, sourced and physically plausible. The bounds are generous on
 * purpose: they catch unit slips (TB/s written for GB/s, TFLOPS for PFLOPS) and swapped fields, not ambitious
 * roadmaps. They are documented in {@code docs/vendor-guide.md}.
 */
public final class SpecChecks {

    /**
     * Highest plausible bandwidth of one device's memory tier, bytes/s, by kind. SRAM: a whole wafer reaches
     * 21 PB/s (WSE-3). HBM: 8 TB/s on B200, about 20 TB/s on HBM4 parts. DRAM: GDDR7 on a 512-bit bus is about
     * 1.8 TB/s. External memory sits behind a link, and is also bounded by that link's bandwidth.
     */
    public static final Map<MemoryKind, Double> MAX_TIER_BANDWIDTH = Collections.unmodifiableMap(new EnumMap<>(Map.of(
            MemoryKind.SRAM, 50e15,
            MemoryKind.HBM, 30e12,
            MemoryKind.DRAM, 4e12,
            MemoryKind.EXTERNAL, 2e12)));
    /** Highest plausible link bandwidth per device per direction, bytes/s (NVLink 5: 0.9 TB/s). */
    public static final double MAX_LINK_BANDWIDTH = 10e12;
    /** A hop latency at or above this is not an interconnect, seconds. */
    public static final double MAX_LINK_LATENCY = 1e-3;
    /** Highest plausible dense rate of one device, FLOP/s (WSE-3: 1.6e16 dense FP16; B300: 1.5e16 dense FP4). */
    public static final double MAX_DENSE_FLOPS = 1e18;
    /** Highest plausible ratio of marketed to dense rate (Cerebras markets 8:1 unstructured sparsity). */
    public static final double MAX_SPARSITY_FACTOR = 16;

    private SpecChecks() {
    }

    /** Two checks: complete and sourced, and physically plausible. */
    public static List<Check> check(AcceleratorSpec spec) {
        String prefix = "spec " + spec.id() + ": ";
        Map<String, Figure> figures = figures(spec);
        List<String> incomplete = incomplete(spec, figures);
        List<String> implausible = implausible(spec, figures);
        return List.of(
                incomplete.isEmpty()
                        ? Check.pass(prefix + "complete and sourced", figures.size() + " figures, "
                        + figures.values().stream().filter(Figure::isEstimate).count() + " of them estimates")
                        : Check.fail(prefix + "complete and sourced", String.join("; ", incomplete)),
                implausible.isEmpty()
                        ? Check.pass(prefix + "physically plausible", "positive, dense <= marketed, bandwidths "
                        + "and latencies within bounds for each tier and link")
                        : Check.fail(prefix + "physically plausible", String.join("; ", implausible)));
    }

    private static List<String> incomplete(AcceleratorSpec spec, Map<String, Figure> figures) {
        List<String> problems = new ArrayList<>();
        for (var text : Map.of("name", nullToEmpty(spec.name()), "vendor", nullToEmpty(spec.vendor()),
                "deviceKind", nullToEmpty(spec.deviceKind()), "description", nullToEmpty(spec.description()))
                .entrySet()) {
            if (text.getValue().isBlank()) {
                problems.add(text.getKey() + " is empty");
            }
        }
        if (spec.silicon() == null) {
            problems.add("silicon.processNode is missing");
        } else if (!HardwareReader.isSource(spec.silicon().processNode().source())) {
            problems.add(badSource("silicon.processNode", spec.silicon().processNode().source()));
        }
        if (spec.compute().isEmpty()) {
            problems.add("compute has no precision");
        }
        figures.forEach((path, figure) -> {
            if (!HardwareReader.isSource(figure.source())) {
                problems.add(badSource(path, figure.source()));
            }
        });
        problems.sort(null);
        return problems;
    }

    private static String badSource(String path, String source) {
        return path + ": source '" + source + "': expected a URL (https://...), \"estimate: why\" or "
                + "\"calibrated: measurements, rows, date\"";
    }

    private static List<String> implausible(AcceleratorSpec spec, Map<String, Figure> figures) {
        List<String> problems = new ArrayList<>();
        figures.forEach((path, figure) -> {
            boolean mayBeZero = path.endsWith(".latency") || path.startsWith("execution.");
            if (!Double.isFinite(figure.value()) || figure.value() < 0 || (!mayBeZero && figure.value() == 0)) {
                problems.add(path + " is " + figure.value() + "; expected a finite value above zero");
            }
        });
        spec.compute().forEach((precision, rate) -> compute(precision, rate, problems));
        for (MemoryTier tier : spec.memory()) {
            double max = MAX_TIER_BANDWIDTH.get(tier.kind());
            double bandwidth = tier.bandwidth().value();
            if (bandwidth > max) {
                problems.add("memory[" + tier.name() + "].bandwidth " + Units.si(bandwidth, "B/s") + " is above "
                        + Units.si(max, "B/s") + ", the plausible limit for " + lower(tier.kind()) + " per device");
            }
            if (tier.via() != null) {
                spec.interconnect(tier.via()).filter(link -> bandwidth > link.bandwidth().value()).ifPresent(link ->
                        problems.add("memory[" + tier.name() + "].bandwidth " + Units.si(bandwidth, "B/s")
                                + " is above the " + Units.si(link.bandwidth().value(), "B/s") + " of '"
                                + link.name() + "', the link it is reached through"));
            }
        }
        for (Interconnect link : spec.interconnects()) {
            if (link.bandwidth().value() > MAX_LINK_BANDWIDTH) {
                problems.add("interconnects[" + link.name() + "].bandwidth " + Units.si(link.bandwidth().value(),
                        "B/s") + " is above " + Units.si(MAX_LINK_BANDWIDTH, "B/s") + " per device per direction");
            }
            if (link.latency().value() >= MAX_LINK_LATENCY) {
                problems.add("interconnects[" + link.name() + "].latency " + Units.si(link.latency().value(), "s")
                        + " is not below " + Units.si(MAX_LINK_LATENCY, "s"));
            }
        }
        spec.execution().forEach((name, figure) -> {
            if (name.endsWith("Efficiency") && !(figure.value() > 0 && figure.value() <= 1)) {
                problems.add("execution." + name + " is " + figure.value() + "; an efficiency is above 0 and at most 1");
            }
        });
        return problems;
    }

    private static void compute(Precision precision, ComputeRate rate, List<String> problems) {
        String path = "compute." + lower(precision);
        double dense = rate.dense().value();
        if (dense > MAX_DENSE_FLOPS) {
            problems.add(path + ".dense " + Units.si(dense, "FLOP/s") + " is above "
                    + Units.si(MAX_DENSE_FLOPS, "FLOP/s") + " per device");
        }
        if (rate.marketed() != null) {
            double marketed = rate.marketed().value();
            if (marketed < dense) {
                problems.add(path + ".marketed " + Units.si(marketed, "FLOP/s") + " is below dense "
                        + Units.si(dense, "FLOP/s") + " (marketed figures add sparsity, they never subtract)");
            } else if (marketed > MAX_SPARSITY_FACTOR * dense) {
                problems.add(path + ".marketed is " + Math.round(marketed / dense) + "x dense; above "
                        + Math.round(MAX_SPARSITY_FACTOR) + "x no sparsity scheme is plausible");
            }
        }
    }

    /** Every numeric figure of a spec by its path in the spec file. */
    static Map<String, Figure> figures(AcceleratorSpec spec) {
        Map<String, Figure> figures = new LinkedHashMap<>();
        Silicon silicon = spec.silicon();
        if (silicon != null) {
            put(figures, "silicon.dieArea", silicon.dieArea());
            put(figures, "silicon.dies", silicon.dies());
            put(figures, "silicon.transistors", silicon.transistors());
            put(figures, "silicon.cores", silicon.cores());
            put(figures, "silicon.clock", silicon.clock());
        }
        spec.compute().forEach((precision, rate) -> {
            put(figures, "compute." + lower(precision) + ".dense", rate.dense());
            put(figures, "compute." + lower(precision) + ".marketed", rate.marketed());
        });
        for (MemoryTier tier : spec.memory()) {
            put(figures, "memory[" + tier.name() + "].capacity", tier.capacity());
            put(figures, "memory[" + tier.name() + "].bandwidth", tier.bandwidth());
        }
        for (Interconnect link : spec.interconnects()) {
            put(figures, "interconnects[" + link.name() + "].bandwidth", link.bandwidth());
            put(figures, "interconnects[" + link.name() + "].latency", link.latency());
            put(figures, "interconnects[" + link.name() + "].domainSize", link.domainSize());
        }
        put(figures, "power.device", spec.power().device());
        put(figures, "power.system", spec.power().system());
        put(figures, "cost.capex", spec.cost().capex());
        put(figures, "cost.billOfMaterials", spec.cost().billOfMaterials());
        put(figures, "cost.siliconCost", spec.cost().siliconCost());
        put(figures, "system.devices", spec.system().devices());
        StackSpec stack = spec.stack();
        if (stack != null) {
            put(figures, "stack.layers", stack.layers());
            put(figures, "stack.layerArea", stack.layerArea());
            put(figures, "stack.sramDensity", stack.sramDensity());
            put(figures, "stack.verticalSignals", stack.verticalSignals());
            put(figures, "stack.signalRate", stack.signalRate());
        }
        spec.execution().forEach((name, figure) -> put(figures, "execution." + name, figure));
        return figures;
    }

    private static void put(Map<String, Figure> figures, String path, Figure figure) {
        if (figure != null) {
            figures.put(path, figure);
        }
    }

    private static String lower(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
