package dev.tokenscale.host.explore;

import dev.tokenscale.api.AcceleratorSpec;
import dev.tokenscale.api.ComputeRate;
import dev.tokenscale.api.CostSpec;
import dev.tokenscale.api.Figure;
import dev.tokenscale.api.HardwareStatus;
import dev.tokenscale.api.Interconnect;
import dev.tokenscale.api.MemoryKind;
import dev.tokenscale.api.MemoryTier;
import dev.tokenscale.api.PowerSpec;
import dev.tokenscale.api.Precision;
import dev.tokenscale.api.Silicon;
import dev.tokenscale.api.SourcedText;
import dev.tokenscale.api.StackSpec;
import dev.tokenscale.host.spec.silicon.Design;
import dev.tokenscale.host.spec.silicon.DesignParameter;
import dev.tokenscale.host.spec.silicon.ProcessNode;
import dev.tokenscale.host.spec.silicon.SiliconData;
import dev.tokenscale.host.spec.silicon.Template;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Derives a complete hardware spec from a design: a base design (its template, its reference system and its
 * parameters) with some parameters changed. What the design sets is physical and comes from the silicon data; what
 * it cannot know (calibrated execution parameters, the system around a device, link latencies) is the reference
 * system's. Every derived figure is a {@link Term} with its formula and inputs, and its {@link Figure} says the
 * same.
 *
 * <p><b>Wafer.</b> The engine is a grid of processing elements (PEs) over the wafer's exposure dies. A PE is its SRAM
 * ({@code sramPerPe} at the node's macro density times the small-bank efficiency) and its logic; the base design's
 * published PE count fixes the logic area per PE, which moves to another node with the node's logic density. With
 * {@code sramShare} set, the PE array splits into that share of SRAM and the rest of logic; otherwise each PE keeps
 * its SRAM and as many PEs as fit are placed. SRAM capacity is PEs x SRAM per PE, bandwidth PEs x port bytes per
 * cycle x clock, dense FP16 PEs x lanes x 2 x clock. SerDes PHYs take {@code ioShare} of every exposure die, but
 * only the dies on the wafer's edge can reach off the wafer (the island problem).
 *
 * <p><b>Chip.</b> A die of {@code dieArea} splits into SRAM ({@code sramShare} at the node's macro density), SerDes
 * ({@code ioShare}), vertical bonds of the SRAM stack ({@code bondShare}) and logic, whose compute scales the base
 * design's (its reference's published rates) by logic area, logic density and clock. Stacked SRAM layers of the
 * die's footprint add capacity at the stack node's density; the bonds (area / pitch^2) times the signal rate set the
 * stack's bandwidth. HBM stacks add a tier.
 *
 * <p><b>Power and cost.</b> Device power is the energy of the operations, SerDes, bond and HBM traffic, anchored to
 * the reference: the base design draws the reference's published power and a variation scales it by the derived
 * ratio. Capex moves from the reference's by the difference in silicon (and HBM) cost. A design that draws more than
 * its cooling removes, or a stack whose logic die would run over the temperature bound, cannot be built.
 */
public final class Derivation {

    private static final double BITS = 8;

    private final SiliconData data;

    public Derivation(SiliconData data) {
        this.data = data;
    }

    /**
     * A derived design: the spec that runs through the reference's family, the terms behind it, and the layout
     * figures a sweep reports.
     *
     * @param spec   the derived spec
     * @param terms  every derived figure with its formula
     * @param layout named layout figures (pes, sramShare, offChipBandwidth), for tables
     */
    public record Derived(AcceleratorSpec spec, List<Term> terms, Map<String, Double> layout) {
        public Derived {
            terms = List.copyOf(terms);
            layout = Map.copyOf(layout);
        }
    }

    /**
     * The base design with {@code overrides} applied, derived against its reference system's spec.
     *
     * @param id        the derived spec's id
     * @param base      the design the variation starts from
     * @param overrides parameters that differ from the base, values {@link Double} (SI) or {@link String} (ids)
     * @param reference the reference system's declared spec
     * @throws DesignException when the design cannot be built, naming the parameter
     */
    public Derived derive(String id, Design base, Map<DesignParameter, Object> overrides, AcceleratorSpec reference) {
        for (Map.Entry<DesignParameter, Object> entry : overrides.entrySet()) {
            DesignParameter parameter = entry.getKey();
            if (!parameter.appliesTo(base.template())) {
                throw new DesignException(parameter.spelling() + "=" + DesignParameter.show(entry.getValue())
                        + ": a " + base.template().name().toLowerCase(Locale.ROOT) + " design (" + base.id()
                        + ") has no such parameter");
            }
            parameter.problem(entry.getValue()).ifPresent(problem -> {
                throw new DesignException(parameter.spelling() + "=" + DesignParameter.show(entry.getValue()) + ": "
                        + problem);
            });
        }
        Map<DesignParameter, Object> point = new EnumMap<>(DesignParameter.class);
        base.parameters().forEach((p, setting) -> point.put(p, setting.value()));
        point.putAll(overrides);
        Map<DesignParameter, Object> baseValues = new EnumMap<>(DesignParameter.class);
        base.parameters().forEach((p, setting) -> baseValues.put(p, setting.value()));
        Layout baseLayout = layout(base, baseValues, null, reference);
        Layout layout = overrides.isEmpty() ? baseLayout : layout(base, point, baseLayout, reference);
        return new Derived(spec(id, base, point, overrides, layout, baseLayout, reference), layout.terms,
                layout.summary());
    }

    /** The physical figures of one design point, before they become a spec. */
    private static final class Layout {
        final List<Term> terms = new ArrayList<>();
        final Map<String, Double> summary = new java.util.LinkedHashMap<>();
        ProcessNode node;
        double area;
        double dies;
        double clock;
        double pes;
        double logicArea;
        double logicPerPe;
        double sramCapacity;
        double sramBandwidth;
        Map<Precision, Double> compute = new EnumMap<>(Precision.class);
        double ioBandwidth;
        StackSpec stack;
        double stackBandwidth;
        MemoryTier hbm;
        double activePower;
        double silicon;

        double term(String name, double value, String unit, String formula) {
            terms.add(new Term(name, value, unit, formula));
            return value;
        }

        Map<String, Double> summary() {
            return summary;
        }
    }

    private Layout layout(Design base, Map<DesignParameter, Object> p, Layout baseLayout, AcceleratorSpec reference) {
        Layout l = new Layout();
        l.node = node(p, DesignParameter.NODE);
        l.clock = number(p, DesignParameter.CLOCK, base);
        if (base.template() == Template.WAFER) {
            wafer(base, p, baseLayout, reference, l);
        } else {
            chip(base, p, baseLayout, reference, l);
        }
        double fp16 = l.compute.getOrDefault(Precision.FP16, l.compute.values().stream().mapToDouble(v -> v)
                .max().orElse(0));
        double exponent = data.clock().voltageExponent().value();
        double nominal = data.clock().nominal().value();
        double clockFactor = Math.pow(Math.max(1, l.clock / nominal), exponent);
        double operations = l.term("compute power", fp16 * l.node.energyPerFlop().value() * clockFactor, "W",
                String.format(Locale.ROOT, "dense FP16 %.4g FLOP/s x %.3g pJ (%s) x max(1, clock / %.3g GHz)^%.0f",
                        fp16, l.node.energyPerFlop().value() * 1e12, l.node.id(), nominal / 1e9, exponent));
        double io = l.term("serdes power", 2 * l.ioBandwidth * BITS * data.serdes().energy().value(), "W",
                String.format(Locale.ROOT, "2 directions x %.4g B/s x 8 x %.3g pJ/bit", l.ioBandwidth,
                        data.serdes().energy().value() * 1e12));
        double bonds = l.stack == null ? 0 : l.term("stack power", l.stackBandwidth * BITS
                        * data.stack().bondEnergy().value(), "W",
                String.format(Locale.ROOT, "%.4g B/s x 8 x %.3g pJ/bit", l.stackBandwidth,
                        data.stack().bondEnergy().value() * 1e12));
        double hbm = l.hbm == null ? 0 : l.term("hbm power", l.hbm.bandwidth().value() * BITS * hbmData(p).energy()
                .value(), "W", "HBM bandwidth x 8 x energy per bit");
        l.activePower = l.term("active power", operations + io + bonds + hbm, "W", "compute + serdes + stack + hbm");
        return l;
    }

    private void wafer(Design base, Map<DesignParameter, Object> p, Layout baseLayout, AcceleratorSpec reference,
                       Layout l) {
        SiliconData.Wafer w = data.wafer();
        l.area = w.engineArea().value();
        l.dies = w.diesAcross().value() * w.diesDown().value();
        double dieArea = l.term("exposure die area", l.area / l.dies, "mm2", String.format(Locale.ROOT,
                "engine %.0f mm2 / (%.0f x %.0f dies)", l.area, w.diesAcross().value(), w.diesDown().value()));
        double ioShare = share(p, DesignParameter.IO_SHARE);
        double array = l.term("pe array area", l.area * (1 - ioShare), "mm2",
                String.format(Locale.ROOT, "engine %.0f mm2 x (1 - ioShare %.3g)", l.area, ioShare));
        double density = l.node.sramMacroDensity().value() * data.pe().bankEfficiency().value();
        l.term("pe sram density", density, "B/mm2", String.format(Locale.ROOT,
                "macro %.4g Mib/mm2 (%s, bitcell %.4g um2) x bank efficiency %.2f",
                l.node.sramMacroDensity().value() * 8 / 1048576, l.node.id(), l.node.sramBitcell().value() * 1e6,
                data.pe().bankEfficiency().value()));
        double lanes = number(p, DesignParameter.LANES, base);
        if (baseLayout == null) {
            if (!p.containsKey(DesignParameter.PES) || !p.containsKey(DesignParameter.SRAM_PER_PE)) {
                throw new DesignException("pes: the wafer design " + base.id() + " must set pes and sramPerPe, the "
                        + "PE grid its logic per PE is measured from");
            }
            l.pes = number(p, DesignParameter.PES, base);
            double sramPerPe = number(p, DesignParameter.SRAM_PER_PE, base);
            l.logicPerPe = l.term("logic area per pe", array / l.pes - sramPerPe / density, "mm2",
                    String.format(Locale.ROOT, "array %.0f mm2 / %.0f PEs - sramPerPe %.0f B / %.4g B/mm2", array,
                            l.pes, sramPerPe, density));
            if (l.logicPerPe <= 0) {
                throw new DesignException("pes=" + DesignParameter.show(l.pes) + ": " + base.id() + "'s PEs with "
                        + DesignParameter.show(sramPerPe) + " B of SRAM each do not fit its " + Math.round(array)
                        + " mm2 array on " + l.node.id());
            }
        } else {
            l.logicPerPe = l.term("logic area per pe", baseLayout.logicPerPe * baseLayout.node.logicDensity().value()
                    / l.node.logicDensity().value(), "mm2", String.format(Locale.ROOT,
                    "base %.4g mm2 (%s) x logic density %s / %s", baseLayout.logicPerPe, baseLayout.node.id(),
                    baseLayout.node.id(), l.node.id()));
        }
        double sramPerPe;
        if (baseLayout != null && p.containsKey(DesignParameter.PES) && baseLayout.pes != number(p,
                DesignParameter.PES, base)) {
            l.pes = number(p, DesignParameter.PES, base);
            sramPerPe = p.containsKey(DesignParameter.SRAM_SHARE)
                    ? array * share(p, DesignParameter.SRAM_SHARE) * density / l.pes
                    : number(p, DesignParameter.SRAM_PER_PE, base);
        } else if (p.containsKey(DesignParameter.SRAM_SHARE)) {
            double sramShare = share(p, DesignParameter.SRAM_SHARE);
            l.pes = whole(l.term("pes", array * (1 - sramShare) / l.logicPerPe, "",
                    String.format(Locale.ROOT, "array %.0f mm2 x (1 - sramShare %.3g) / logic %.4g mm2 per PE",
                            array, sramShare, l.logicPerPe)));
            sramPerPe = array * sramShare * density / l.pes;
        } else {
            sramPerPe = number(p, DesignParameter.SRAM_PER_PE, base);
            l.pes = baseLayout == null ? l.pes : whole(l.term("pes", array / (l.logicPerPe
                    + sramPerPe / density), "", String.format(Locale.ROOT,
                    "array %.0f mm2 / (logic %.4g mm2 + SRAM %.0f B / %.4g B/mm2 per PE)", array, l.logicPerPe,
                    sramPerPe, density)));
        }
        if (l.pes < 1 || l.pes * (l.logicPerPe + sramPerPe / density) > array * 1.000001) {
            throw new DesignException("pes=" + DesignParameter.show(l.pes) + ": PEs of " + Math.round(sramPerPe)
                    + " B SRAM and " + String.format(Locale.ROOT, "%.4g", l.logicPerPe) + " mm2 logic do not fit the "
                    + Math.round(array) + " mm2 array");
        }
        l.logicArea = l.pes * l.logicPerPe;
        l.summary.put("pes", l.pes);
        l.term("sram per pe", sramPerPe, "B", "as set, or array x sramShare x density / PEs");
        l.summary.put("sramShare", l.term("sram share", l.pes * sramPerPe / density / array, "",
                "PEs x sramPerPe / density / array"));
        l.sramCapacity = l.term("sram capacity", l.pes * sramPerPe, "B", String.format(Locale.ROOT,
                "%.0f PEs x %.0f B", l.pes, sramPerPe));
        double port = data.pe().portBytesPerCycle().value();
        l.sramBandwidth = l.term("sram bandwidth", l.pes * port * l.clock, "B/s", String.format(Locale.ROOT,
                "%.0f PEs x %.0f B/cycle x %.4g GHz", l.pes, port, l.clock / 1e9));
        l.compute.put(Precision.FP16, l.term("dense fp16", l.pes * lanes * data.pe().flopsPerLane().value()
                * l.clock, "FLOP/s", String.format(Locale.ROOT, "%.0f PEs x %.0f lanes x %.0f x %.4g GHz", l.pes,
                lanes, data.pe().flopsPerLane().value(), l.clock / 1e9)));
        double edgeDies = 2 * (w.diesAcross().value() + w.diesDown().value()) - 4;
        double lanesOut = edgeDies * dieArea * ioShare / data.serdes().laneArea().value();
        double phy = l.term("edge phy bandwidth", lanesOut * data.serdes().laneRate().value() / BITS, "B/s",
                String.format(Locale.ROOT, "%.0f edge dies of %.0f x %.0f x %.0f mm2 x ioShare %.3g / %.2f mm2 per "
                                + "lane x %.0f Gb/s / 8 (the interior dies' PHYs reach nothing)", edgeDies,
                        w.diesAcross().value(), w.diesDown().value(), dieArea, ioShare,
                        data.serdes().laneArea().value(), data.serdes().laneRate().value() / 1e9));
        double declared = ioLink(reference).bandwidth().value();
        double shoreline = 4 * Math.sqrt(l.area) * data.serdes().shoreline().value();
        l.ioBandwidth = l.term("off-wafer bandwidth", Math.min(declared + phy, Math.max(declared, shoreline)), "B/s",
                String.format(Locale.ROOT, "min(reference %.4g + PHYs %.4g, shoreline 4 x %.0f mm x %.0f GB/s/mm)",
                        declared, phy, Math.sqrt(l.area), data.serdes().shoreline().value() / 1e9));
        l.silicon = l.term("silicon cost", l.node.waferCost().value(), "USD",
                "one " + l.node.id() + " wafer per engine (spare PEs absorb its defects)");
        l.summary.put("offChipBandwidth", l.ioBandwidth);
    }

    private void chip(Design base, Map<DesignParameter, Object> p, Layout baseLayout, AcceleratorSpec reference,
                      Layout l) {
        SiliconData.Wafer w = data.wafer();
        l.area = number(p, DesignParameter.DIE_AREA, base);
        double field = w.fieldWidth().value() * w.fieldHeight().value() * 1e6;
        if (l.area > field) {
            throw new DesignException(String.format(Locale.ROOT, "dieArea=%s: over the %.0f mm2 exposure field "
                    + "(%.0f x %.0f mm), the largest chip a scanner prints", DesignParameter.show(l.area), field,
                    w.fieldWidth().value() * 1e3, w.fieldHeight().value() * 1e3));
        }
        double layers = p.containsKey(DesignParameter.STACK_LAYERS) ? number(p, DesignParameter.STACK_LAYERS, base)
                : 0;
        double sramShare = share(p, DesignParameter.SRAM_SHARE);
        double ioShare = share(p, DesignParameter.IO_SHARE);
        double bondShare = layers > 0 ? share(p, DesignParameter.BOND_SHARE) : 0;
        if (ioShare <= 0) {
            throw new DesignException("ioShare=" + DesignParameter.show(ioShare) + ": a chip needs SerDes to reach "
                    + "the other chips; expected a share above 0");
        }
        if (layers > 0 && bondShare <= 0) {
            throw new DesignException("bondShare=" + DesignParameter.show(bondShare) + ": " + DesignParameter.show(
                    layers) + " stacked layers need vertical signal bonds; expected a share above 0");
        }
        double logicShare = 1 - sramShare - ioShare - bondShare;
        if (logicShare <= 0) {
            throw new DesignException(String.format(Locale.ROOT, "sramShare=%s: with ioShare %s and bondShare %s "
                            + "nothing is left for logic; the shares must add up to less than 1",
                    DesignParameter.show(sramShare), DesignParameter.show(ioShare), DesignParameter.show(bondShare)));
        }
        l.dies = 1 + layers;
        l.logicArea = l.term("logic area", l.area * logicShare, "mm2", String.format(Locale.ROOT,
                "die %.0f mm2 x (1 - sramShare %.3g - ioShare %.3g - bondShare %.3g)", l.area, sramShare, ioShare,
                bondShare));
        l.sramCapacity = l.term("base sram capacity", l.area * sramShare * l.node.sramMacroDensity().value(), "B",
                String.format(Locale.ROOT, "die %.0f mm2 x sramShare %.3g x %.4g Mib/mm2 (%s)", l.area, sramShare,
                        l.node.sramMacroDensity().value() * 8 / 1048576, l.node.id()));
        MemoryTier referenceSram = reference.primaryMemory();
        Layout anchor = baseLayout == null ? l : baseLayout;
        double sweeps = referenceSram.bandwidth().value() / referenceSram.capacity().value();
        l.sramBandwidth = l.term("base sram bandwidth", l.sramCapacity * sweeps * l.clock / anchor.clock, "B/s",
                String.format(Locale.ROOT, "capacity x the reference's %.4g sweeps/s x clock / base clock", sweeps));
        double logicScale = l.logicArea / anchor.logicArea * l.node.logicDensity().value()
                / anchor.node.logicDensity().value() * l.clock / anchor.clock;
        for (Map.Entry<Precision, ComputeRate> rate : reference.compute().entrySet()) {
            l.compute.put(rate.getKey(), l.term("dense " + rate.getKey().name().toLowerCase(Locale.ROOT),
                    rate.getValue().dense().value() * logicScale, "FLOP/s", String.format(Locale.ROOT,
                            "reference %.4g x logic area, logic density and clock over the base's (x %.4g)",
                            rate.getValue().dense().value(), logicScale)));
        }
        double lanes = whole(l.area * ioShare / data.serdes().laneArea().value());
        double shoreline = 4 * Math.sqrt(l.area) * data.serdes().shoreline().value();
        l.ioBandwidth = l.term("chip-to-chip bandwidth", Math.min(lanes * data.serdes().laneRate().value() / BITS,
                shoreline), "B/s", String.format(Locale.ROOT, "min(%.0f lanes (die x ioShare / %.2f mm2) x %.0f "
                        + "Gb/s / 8, shoreline 4 x %.1f mm x %.0f GB/s/mm)", lanes, data.serdes().laneArea().value(),
                data.serdes().laneRate().value() / 1e9, Math.sqrt(l.area), data.serdes().shoreline().value() / 1e9));
        l.silicon = l.term("logic die cost", dieCost(l.node, l.area), "USD", dieCostFormula(l.node, l.area));
        if (layers > 0) {
            ProcessNode stackNode = node(p, DesignParameter.STACK_NODE);
            ProcessNode measured = data.node(data.stack().layerDensityNode().value()).orElseThrow(() ->
                    new DesignException("stackNode: the silicon data measures stacked SRAM on "
                            + data.stack().layerDensityNode().value() + ", a node it has no data for"));
            double layerDensity = l.term("stacked sram density", data.stack().layerDensity().value()
                    * stackNode.sramMacroDensity().value() / measured.sramMacroDensity().value(), "B/mm2",
                    String.format(Locale.ROOT, "%.3g MB/mm2 measured on %s x macro density %s / %s",
                            data.stack().layerDensity().value() / 1e6, measured.id(), stackNode.id(), measured.id()));
            double pitch = data.stack().bondPitch().value() * 1e3;
            double signals = whole(l.term("vertical signals", l.area * bondShare / (pitch * pitch), "",
                    String.format(Locale.ROOT, "die %.0f mm2 x bondShare %.4g / (%.1f um pitch)^2", l.area, bondShare,
                            pitch * 1e3)));
            l.stackBandwidth = l.term("stack bandwidth", signals * data.stack().signalRate().value() / BITS, "B/s",
                    String.format(Locale.ROOT, "%.0f signals x %.2f Gb/s / 8", signals,
                            data.stack().signalRate().value() / 1e9));
            l.term("stack capacity", layers * l.area * layerDensity, "B", String.format(Locale.ROOT,
                    "%.0f layers x %.0f mm2 x %.4g MB/mm2", layers, l.area, layerDensity / 1e6));
            l.stack = new StackSpec(derived(layers, "stackLayers as set"), derived(l.area, "each layer covers the "
                    + "logic die"), derived(layerDensity, "stacked SRAM density"), derived(signals,
                    "die x bondShare / bondPitch^2"), derived(data.stack().signalRate().value(),
                    "the silicon data's signal rate"));
            l.silicon += l.term("stacked layers cost", layers * dieCost(stackNode, l.area), "USD",
                    layers + " x " + dieCostFormula(stackNode, l.area));
        }
        double hbmStacks = p.containsKey(DesignParameter.HBM_STACKS) ? number(p, DesignParameter.HBM_STACKS, base) : 0;
        if (hbmStacks > 0) {
            SiliconData.Hbm hbm = hbmData(p);
            double edge = hbmStacks * hbm.shoreline().value() * 1e3;
            double free = 4 * Math.sqrt(l.area) - l.ioBandwidth / data.serdes().shoreline().value();
            if (edge > free) {
                throw new DesignException(String.format(Locale.ROOT, "hbmStacks=%s: their PHYs need %.0f mm of die "
                                + "edge and only %.0f mm is left beside the SerDes", DesignParameter.show(hbmStacks),
                        edge, free));
            }
            l.hbm = new MemoryTier("hbm", MemoryKind.HBM,
                    derived(l.term("hbm capacity", hbmStacks * hbm.capacity().value(), "B", hbmStacks + " x "
                            + hbm.id() + " stacks"), "hbmStacks x the generation's capacity"),
                    derived(l.term("hbm bandwidth", hbmStacks * hbm.bandwidth().value(), "B/s", hbmStacks + " x "
                            + hbm.id() + " stacks"), "hbmStacks x the generation's bandwidth"), null);
            l.silicon += l.term("hbm cost", l.hbm.capacity().value() / 1e9 * hbm.pricePerGb().value(), "USD",
                    "HBM GB x price per GB");
        }
        l.summary.put("sramShare", sramShare);
        l.summary.put("offChipBandwidth", l.ioBandwidth);
    }

    /** The whole number below a count, forgiving the last bits of rounding ({@code 899999.9999} is 900,000). */
    private static double whole(double count) {
        return Math.floor(count * (1 + 1e-9));
    }

    private SiliconData.Hbm hbmData(Map<DesignParameter, Object> p) {
        Object id = p.get(DesignParameter.HBM);
        if (id == null) {
            throw new DesignException("hbm: HBM stacks need a generation; expected one of " + hbmIds());
        }
        return data.hbm((String) id).orElseThrow(() -> new DesignException("hbm=" + id + ": no silicon data for "
                + "this HBM generation; expected one of " + hbmIds()));
    }

    private String hbmIds() {
        return data.hbm().stream().map(SiliconData.Hbm::id).collect(Collectors.joining(", "));
    }

    /** Cost of one good die: a wafer's price over its gross dies times the Poisson yield of the die's area. */
    private double dieCost(ProcessNode node, double area) {
        double diameter = data.wafer().diameter().value() * 1e3;
        double gross = Math.PI * diameter * diameter / 4 / area - Math.PI * diameter / Math.sqrt(2 * area);
        double yield = Math.exp(-area / 100 * node.defectDensity().value());
        return node.waferCost().value() / (gross * yield);
    }

    private String dieCostFormula(ProcessNode node, double area) {
        return String.format(Locale.ROOT, "%s wafer $%.0f / (gross dies of %.0f mm2 x yield exp(-%.2f cm2 x %.2f "
                + "per cm2))", node.id(), node.waferCost().value(), area, area / 100, node.defectDensity().value());
    }

    private AcceleratorSpec spec(String id, Design base, Map<DesignParameter, Object> p,
                                 Map<DesignParameter, Object> overrides, Layout l, Layout baseLayout,
                                 AcceleratorSpec reference) {
        double device = l.term("device power", reference.power().device().value() * l.activePower
                / baseLayout.activePower, "W", String.format(Locale.ROOT, "reference %.4g W x active power %.4g W / "
                        + "base design's %.4g W", reference.power().device().value(), l.activePower,
                baseLayout.activePower));
        double coolingLimit = data.wafer().coolingLimit().value();
        if (base.template() == Template.WAFER && device / l.area > coolingLimit) {
            throw new DesignException(String.format(Locale.ROOT, "%s: the %s would draw %.3g kW, %.2f W/mm2, over "
                            + "the cooling limit of %.2f W/mm2", changed(overrides, DesignParameter.CLOCK),
                    deviceWord(base), device / 1e3, device / l.area, coolingLimit));
        }
        if (base.template() == Template.CHIP) {
            double layers = l.stack == null ? 0 : l.stack.layers().value();
            double heatFlux = device / l.area * 100;
            SiliconData.Stack s = data.stack();
            double rise = l.term("stack temperature rise", heatFlux * (s.coolingResistance().value() + layers
                    * s.layerResistance().value()), "K", String.format(Locale.ROOT, "%.0f W/cm2 x (cooling %.2f + "
                    + "%.0f layers x %.2f K cm2/W)", heatFlux, s.coolingResistance().value(), layers,
                    s.layerResistance().value()));
            if (rise > s.temperatureRise().value()) {
                throw new DesignException(String.format(Locale.ROOT, "%s: the logic die under the stack "
                                + "would run %.0f K above its coolant (%.0f W/cm2 through %.0f layers), over the thermal "
                                + "bound of %.0f K", changed(overrides, DesignParameter.STACK_LAYERS), rise, heatFlux,
                        layers, s.temperatureRise().value()));
            }
        }
        int devices = reference.devicesPerSystem();
        double system = l.term("system power", reference.power().system().value() + devices * (device
                - reference.power().device().value()), "W", "reference system power + devices x (device power - "
                + "reference device power)");
        double capex = l.term("capex", reference.cost().capex().value() + devices * (l.silicon - baseLayout.silicon),
                "USD", String.format(Locale.ROOT, "reference $%.0f + %d devices x (silicon $%.0f - base design's "
                        + "$%.0f)", reference.cost().capex().value(), devices, l.silicon, baseLayout.silicon));
        if (capex <= 0 || system <= 0) {
            throw new DesignException("the derived system of " + base.id() + " costs or draws nothing; its silicon is "
                    + "cheaper than the reference's non-silicon parts allow");
        }
        Map<Precision, ComputeRate> compute = new EnumMap<>(Precision.class);
        l.compute.forEach((precision, rate) -> compute.put(precision, new ComputeRate(derived(rate,
                "dense " + precision.name().toLowerCase(Locale.ROOT) + " (explore --explain)"), null)));
        return new AcceleratorSpec(id, base.name() + label(overrides), "tokenscale explore", reference.family(),
                reference.deviceKind(), HardwareStatus.ROADMAP, "Derived by the silicon model from design " + base.id()
                + label(overrides) + " on " + l.node.name() + ", starting from " + reference.id() + ".",
                silicon(l, base), compute, memory(l, reference), interconnects(l, reference),
                new PowerSpec(derived(device, "active power scaled to the reference's"), derived(system,
                        "reference system power + devices x device power difference")),
                new CostSpec(derived(capex, "reference capex + devices x silicon cost difference"), null,
                        derived(l.silicon, "silicon cost")), reference.system(), l.stack,
                execution(l, baseLayout, reference));
    }

    /** The wafer family's mesh of usable PEs, execution parameters that its specs declare. */
    static final String MESH_WIDTH = "meshWidth";
    static final String MESH_HEIGHT = "meshHeight";

    /**
     * The reference's execution parameters, with the physical ones derived: a wafer's mesh of usable PEs keeps the
     * reference's shape and share of usable PEs, scaled to the design's PE count.
     */
    private static Map<String, Figure> execution(Layout l, Layout baseLayout, AcceleratorSpec reference) {
        Map<String, Figure> execution = new java.util.HashMap<>(reference.execution());
        Figure width = execution.get(MESH_WIDTH);
        Figure height = execution.get(MESH_HEIGHT);
        if (width != null && height != null && l.pes > 0) {
            double scale = Math.sqrt(l.pes / baseLayout.pes);
            execution.put(MESH_WIDTH, derived(l.term("mesh width", Math.max(1, Math.round(width.value() * scale)),
                    "", String.format(Locale.ROOT, "reference %.0f x sqrt(%.0f PEs / base %.0f)", width.value(),
                            l.pes, baseLayout.pes)), "the reference's usable mesh scaled to the PEs"));
            execution.put(MESH_HEIGHT, derived(l.term("mesh height", Math.max(1, Math.round(height.value() * scale)),
                    "", String.format(Locale.ROOT, "reference %.0f x sqrt(%.0f PEs / base %.0f)", height.value(),
                            l.pes, baseLayout.pes)), "the reference's usable mesh scaled to the PEs"));
        }
        return execution;
    }

    private static String deviceWord(Design base) {
        return base.template() == Template.WAFER ? "wafer" : "chip";
    }

    private static String changed(Map<DesignParameter, Object> overrides, DesignParameter preferred) {
        if (overrides.containsKey(preferred)) {
            return preferred.spelling() + "=" + DesignParameter.show(overrides.get(preferred));
        }
        return overrides.isEmpty() ? "the base design" : label(overrides).trim();
    }

    private Silicon silicon(Layout l, Design base) {
        return new Silicon(new SourcedText(l.node.name(), l.node.sramMacroDensity().source(), "the design's node"),
                derived(l.area, base.template() == Template.WAFER ? "the wafer-scale engine's area"
                        : "dieArea as set"),
                derived(l.dies, base.template() == Template.WAFER ? "exposure dies across x down"
                        : "1 logic die + stacked layers"),
                null, base.template() == Template.WAFER ? derived(l.pes, "PEs (explore --explain)") : null,
                derived(l.clock, "clock as set"));
    }

    private List<MemoryTier> memory(Layout l, AcceleratorSpec reference) {
        List<MemoryTier> tiers = new ArrayList<>();
        MemoryTier sram = reference.primaryMemory();
        tiers.add(new MemoryTier(sram.name(), MemoryKind.SRAM, derived(l.sramCapacity, "sram capacity (explore "
                + "--explain)"), derived(l.sramBandwidth, "sram bandwidth (explore --explain)"), sram.via()));
        if (l.hbm != null) {
            tiers.add(l.hbm);
        }
        String io = ioLink(reference).name();
        for (MemoryTier tier : reference.memory().subList(1, reference.memory().size())) {
            // A tier reached through the off-chip link moves no faster than the link.
            tiers.add(io.equals(tier.via()) ? new MemoryTier(tier.name(), tier.kind(), tier.capacity(),
                    derived(Math.min(tier.bandwidth().value(), l.ioBandwidth), "bounded by the off-chip link"),
                    tier.via()) : tier);
        }
        return tiers;
    }

    private List<Interconnect> interconnects(Layout l, AcceleratorSpec reference) {
        Interconnect io = ioLink(reference);
        return reference.interconnects().stream().map(link -> link == io ? new Interconnect(link.name(),
                link.scope(), derived(l.ioBandwidth, "off-chip bandwidth (explore --explain)"), link.latency(),
                link.domainSize()) : link).toList();
    }

    /** The link the design's SerDes drive: the reference's widest scale-up link, else its first link. */
    private static Interconnect ioLink(AcceleratorSpec reference) {
        return reference.interconnects().stream().filter(link -> link.scope() != dev.tokenscale.api.LinkScope
                        .SCALE_OUT).max((a, b) -> Double.compare(a.bandwidth().value(), b.bandwidth().value()))
                .orElseGet(() -> reference.interconnects().get(0));
    }

    private static Figure derived(double value, String what) {
        return new Figure(value, "estimate: derived by the silicon model: " + what, null);
    }

    /** The overrides as a label: {@code " (node=n2, sramShare=0.6)"}, or empty. */
    public static String label(Map<DesignParameter, Object> overrides) {
        if (overrides.isEmpty()) {
            return "";
        }
        return overrides.entrySet().stream().map(e -> e.getKey().spelling() + "=" + DesignParameter.show(e.getValue()))
                .collect(Collectors.joining(", ", " (", ")"));
    }

    private ProcessNode node(Map<DesignParameter, Object> p, DesignParameter parameter) {
        Object id = p.get(parameter);
        if (id == null) {
            throw new DesignException(parameter.spelling() + ": missing; expected one of " + nodeIds());
        }
        return data.node((String) id).orElseThrow(() -> new DesignException(parameter.spelling() + "=" + id
                + ": no silicon data for this node; expected one of " + nodeIds()));
    }

    private String nodeIds() {
        return data.nodes().stream().map(ProcessNode::id).collect(Collectors.joining(", "));
    }

    private static double number(Map<DesignParameter, Object> p, DesignParameter parameter, Design base) {
        Object value = p.get(parameter);
        if (!(value instanceof Double number)) {
            throw new DesignException(parameter.spelling() + ": missing; the " + base.template().name()
                    .toLowerCase(Locale.ROOT) + " design " + base.id() + " needs it");
        }
        return number;
    }

    private static double share(Map<DesignParameter, Object> p, DesignParameter parameter) {
        Object value = p.get(parameter);
        double share = value instanceof Double number ? number : 0;
        if (!(share >= 0 && share < 1)) {
            throw new DesignException(parameter.spelling() + "=" + DesignParameter.show(share) + ": expected a share "
                    + "of the area from 0 up to (not including) 1");
        }
        return share;
    }
}
