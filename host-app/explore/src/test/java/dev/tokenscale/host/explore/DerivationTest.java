package dev.tokenscale.host.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenscale.api.AcceleratorSpec;
import dev.tokenscale.api.Precision;
import dev.tokenscale.host.engine.Accelerator;
import dev.tokenscale.host.engine.Catalog;
import dev.tokenscale.host.engine.Curve;
import dev.tokenscale.host.engine.Curves;
import dev.tokenscale.host.engine.Economics;
import dev.tokenscale.host.engine.Workload;
import dev.tokenscale.host.spec.SiliconReader;
import dev.tokenscale.host.spec.SpecException;
import dev.tokenscale.host.spec.silicon.Design;
import dev.tokenscale.host.spec.silicon.DesignParameter;
import dev.tokenscale.host.spec.silicon.SiliconData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The silicon model on the shipped silicon data and designs, against published figures and the plugins' specs. */
class DerivationTest {

    static final SiliconData SILICON = read();
    static final List<Design> DESIGNS = designs();
    static final Derivation DERIVATION = new Derivation(SILICON);

    static SiliconData read() {
        try {
            return SiliconReader.builtInSilicon();
        } catch (SpecException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    static List<Design> designs() {
        try {
            return SiliconReader.builtInDesigns();
        } catch (SpecException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    static Design design(String id) {
        return DESIGNS.stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow();
    }

    static Derivation.Derived derive(String id, Map<DesignParameter, Object> overrides) {
        Design base = design(id);
        return DERIVATION.derive(id + "-test", base, overrides, Catalog.spec(base.reference()));
    }

    /** A published figure of data/reference/hardware-specs.csv, in the unit the row gives. */
    static double published(String system, String field) throws IOException {
        Path csv = Path.of(System.getProperty("tokenscale.repo"), "data/reference/hardware-specs.csv");
        for (String line : Files.readAllLines(csv)) {
            String[] cells = line.split(",", -1);
            if (cells[0].equals(system) && cells[3].equals(field)) {
                return Double.parseDouble(cells[4]);
            }
        }
        throw new IllegalArgumentException("no " + field + " for " + system);
    }

    @ParameterizedTest
    @CsvSource({"wse-1, WSE-1", "wse-2, WSE-2", "wse-3, WSE-3"})
    void derivedWafersHoldAndStreamWhatWasPublishedWithinTenPercent(String design, String system) throws IOException {
        AcceleratorSpec spec = derive(design, Map.of()).spec();
        double capacity = published(system, "sram_capacity") * 1e9;
        double bandwidth = published(system, "sram_bandwidth") * 1e15;
        assertEquals(capacity, spec.primaryMemory().capacity().value(), 0.10 * capacity, design + " SRAM capacity");
        assertEquals(bandwidth, spec.primaryMemory().bandwidth().value(), 0.10 * bandwidth, design + " bandwidth");
    }

    @Test
    void derivedWse3RunsThroughTheWaferFamilyLikeTheCs3ItIsBuiltFrom() {
        AcceleratorSpec spec = derive("wse-3", Map.of()).spec();
        Accelerator derived = Catalog.accelerator(spec);
        Accelerator cs3 = Catalog.hardware("cerebras-cs3");
        var model = Catalog.model("llama-3.1-8b");
        Workload w = Workload.of(model, 1, 8192, 1024);
        Curve mine = Curves.sweep(model, derived, w, Economics.DEFAULT);
        Curve theirs = Curves.sweep(model, cs3, w, Economics.DEFAULT);
        // The derived wafer differs from the spec file by a few percent in capacity, bandwidth and compute only.
        assertEquals(theirs.maxInteractivity(), mine.maxInteractivity(), 0.10 * theirs.maxInteractivity());
        assertEquals(cs3.spec().cost().capex().value(), spec.cost().capex().value(), 1e-6);
        assertEquals(cs3.spec().power().system().value(), spec.power().system().value(), 1e-6);
    }

    @Test
    void derivedStackedChipMatchesTheStackedSramPluginPart() {
        Accelerator derived = Catalog.accelerator(derive("stacked-lpu", Map.of()).spec());
        Accelerator plugin = Catalog.hardware("stacked-sram-4layer");
        double capacity = plugin.spec().primaryMemory().capacity().value();
        double bandwidth = plugin.spec().primaryMemory().bandwidth().value();
        assertEquals(capacity, derived.spec().primaryMemory().capacity().value(), 0.01 * capacity);
        assertEquals(bandwidth, derived.spec().primaryMemory().bandwidth().value(), 0.01 * bandwidth);
        double c2c = plugin.spec().interconnect("c2c").orElseThrow().bandwidth().value();
        assertEquals(c2c, derived.spec().interconnect("c2c").orElseThrow().bandwidth().value(), 0.02 * c2c);
        assertEquals(plugin.spec().compute().get(Precision.FP8).dense().value(),
                derived.spec().compute().get(Precision.FP8).dense().value(), 1);
    }

    @Test
    void onOneWaferMoreSramMeansLessCompute() {
        AcceleratorSpec lean = derive("wse-3", Map.of(DesignParameter.SRAM_SHARE, 0.3)).spec();
        AcceleratorSpec rich = derive("wse-3", Map.of(DesignParameter.SRAM_SHARE, 0.6)).spec();
        double leanCapacity = lean.primaryMemory().capacity().value();
        double richCapacity = rich.primaryMemory().capacity().value();
        // Capacity is proportional to the SRAM share of a fixed array: 0.6 / 0.3.
        assertEquals(2.0, richCapacity / leanCapacity, 0.01);
        // PEs (so compute and bandwidth) follow the logic share: 0.4 / 0.7.
        double ratio = rich.compute().get(Precision.FP16).dense().value()
                / lean.compute().get(Precision.FP16).dense().value();
        assertEquals(0.4 / 0.7, ratio, 0.01);
    }

    @Test
    void theWaferFamilysMeshFollowsTheDerivedPeGrid() {
        AcceleratorSpec cs3 = Catalog.spec("cerebras-cs3");
        double usable = cs3.parameter(Derivation.MESH_WIDTH, 0) * cs3.parameter(Derivation.MESH_HEIGHT, 0)
                / cs3.silicon().cores().value();
        AcceleratorSpec rich = derive("wse-3", Map.of(DesignParameter.SRAM_SHARE, 0.6)).spec();
        double mesh = rich.parameter(Derivation.MESH_WIDTH, 0) * rich.parameter(Derivation.MESH_HEIGHT, 0);
        // The same share of usable PEs as the CS-3's mesh, of the derived design's PEs; the shape is the CS-3's.
        assertEquals(usable * rich.silicon().cores().value(), mesh, 0.002 * mesh);
        assertEquals(cs3.parameter(Derivation.MESH_WIDTH, 0) / cs3.parameter(Derivation.MESH_HEIGHT, 0),
                rich.parameter(Derivation.MESH_WIDTH, 0) / rich.parameter(Derivation.MESH_HEIGHT, 0), 0.01);
        assertTrue(mesh < 0.7 * cs3.parameter(Derivation.MESH_WIDTH, 0) * cs3.parameter(Derivation.MESH_HEIGHT, 0));
    }

    @Test
    void sramStopsScalingAfterN5() {
        Map<String, Double> capacity = new java.util.HashMap<>();
        for (String node : List.of("n7", "n5", "n3e", "n2")) {
            capacity.put(node, derive("wse-3", Map.of(DesignParameter.NODE, node, DesignParameter.SRAM_SHARE, 0.5))
                    .spec().primaryMemory().capacity().value());
        }
        // N3E keeps N5's bitcell; N2's 38 Mib/mm2 is 19% over N3E's 31.8; N7 to N5 was 29%.
        assertEquals(1.0, capacity.get("n3e") / capacity.get("n5"), 0.005);
        assertEquals(38 / 31.8, capacity.get("n2") / capacity.get("n3e"), 0.01);
        assertEquals(31.8 / 24.7, capacity.get("n5") / capacity.get("n7"), 0.01);
    }

    @Test
    void ioPhysOnEveryDieCostArrayAreaButOnlyEdgeDiesReachOff() {
        AcceleratorSpec none = derive("wse-3", Map.of()).spec();
        AcceleratorSpec some = derive("wse-3", Map.of(DesignParameter.IO_SHARE, 0.01)).spec();
        double base = none.interconnect("system-io").orElseThrow().bandwidth().value();
        double more = some.interconnect("system-io").orElseThrow().bandwidth().value();
        // 34 of the 84 dies are on the edge: 34 x 550 mm2 x 1% / 0.4 mm2 per lane x 14 GB/s (under the shoreline cap).
        double expected = 34 * (46225.0 / 84) * 0.01 / 0.4 * 112e9 / 8;
        assertEquals(base + expected, more, 0.01 * expected);
        assertTrue(some.primaryMemory().capacity().value() < none.primaryMemory().capacity().value());
    }

    @Test
    void designsThatCannotBeBuiltNameTheParameter() {
        DesignException share = assertThrows(DesignException.class,
                () -> derive("wse-3", Map.of(DesignParameter.SRAM_SHARE, 1.2)));
        assertTrue(share.getMessage().startsWith("sramShare=1.2: "), share.getMessage());
        DesignException node = assertThrows(DesignException.class,
                () -> derive("wse-3", Map.of(DesignParameter.NODE, "n4")));
        assertTrue(node.getMessage().startsWith("node=n4: no silicon data"), node.getMessage());
        DesignException stack = assertThrows(DesignException.class,
                () -> derive("stacked-lpu", Map.of(DesignParameter.STACK_LAYERS, 16.0)));
        assertTrue(stack.getMessage().startsWith("stackLayers=16: ") && stack.getMessage().contains("thermal bound"),
                stack.getMessage());
        assertFalse(share.getMessage().contains("\n"));
    }

    @Test
    void everyDerivedFigureIsTracedToItsInputs() {
        Derivation.Derived derived = derive("wse-3", Map.of(DesignParameter.NODE, "n2"));
        List<String> names = derived.terms().stream().map(Term::name).toList();
        assertTrue(names.containsAll(List.of("logic area per pe", "pes", "sram capacity", "sram bandwidth",
                "dense fp16", "off-wafer bandwidth", "device power", "capex")), names.toString());
        double capacity = derived.terms().stream().filter(t -> t.name().equals("sram capacity")).findFirst()
                .orElseThrow().value();
        assertEquals(capacity, derived.spec().primaryMemory().capacity().value(), 1e-6 * capacity);
        assertTrue(derived.spec().primaryMemory().capacity().source().startsWith("estimate: derived"));
    }
}
