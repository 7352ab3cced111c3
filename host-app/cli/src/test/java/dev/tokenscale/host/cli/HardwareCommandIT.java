package dev.tokenscale.host.cli;

import static dev.tokenscale.host.testing.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenscale.host.testing.BadSpecs;
import dev.tokenscale.host.testing.CliRun;
import dev.tokenscale.host.testing.TestPlugins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tokenscale hardware} run in-process against the real framework and the built plugin bundles. */
class HardwareCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The documented, stable fields of one system in JSON output (docs/cli.md). */
    private static final List<String> FIELDS = List.of("id", "name", "vendor", "family", "deviceKind", "status",
            "description", "silicon", "compute", "memory", "interconnects", "power", "cost", "system", "stack",
            "execution", "origin");

    /** Runs that need only the built-in plugins, made once: every run boots a framework. */
    private static final Map<List<String>, CliRun> BUILT_IN = new HashMap<>();

    private static CliRun builtIn(String... args) {
        return BUILT_IN.computeIfAbsent(List.of(args), a -> run(args));
    }

    private static Map<String, JsonNode> systems(CliRun run) throws IOException {
        assertEquals(0, run.exit(), run.err());
        Map<String, JsonNode> byId = new TreeMap<>();
        JSON.readTree(run.out()).get("hardware").forEach(system -> byId.put(system.get("id").asText(), system));
        return byId;
    }

    private static double value(JsonNode system, String pointer) {
        JsonNode node = system.at(pointer + "/value");
        assertTrue(node.isNumber(), pointer + " of " + system.get("id") + " is " + node);
        return node.asDouble();
    }

    @Test
    void jsonListsEverySystemWithTheSeedFiguresInSiUnits() throws IOException {
        Map<String, JsonNode> systems = systems(builtIn("hardware", "--json"));
        assertTrue(systems.keySet().containsAll(List.of("cerebras-cs1", "cerebras-cs2", "cerebras-cs3", "groq-lp30",
                "groq-lpu-v1", "stacked-sram-4layer", "nvidia-h100", "nvidia-h200", "nvidia-b200",
                "nvidia-gb200-nvl72")), systems.keySet().toString());
        systems.values().forEach(system -> {
            List<String> names = new ArrayList<>();
            system.fieldNames().forEachRemaining(names::add);
            assertEquals(FIELDS, names);
        });

        JsonNode cs3 = systems.get("cerebras-cs3");
        assertEquals("TSMC N5", cs3.at("/silicon/processNode/value").asText());
        assertEquals("sram", cs3.at("/memory/0/name").asText());
        assertEquals(44e9, value(cs3, "/memory/0/capacity"));
        assertEquals(21e15, value(cs3, "/memory/0/bandwidth"));
        assertEquals(15.625e15, value(cs3, "/compute/fp16/dense"));
        assertEquals(125e15, value(cs3, "/compute/fp16/marketed"));
        assertEquals(84, value(cs3, "/silicon/dies"));
        assertEquals("system-io", cs3.at("/interconnects/0/name").asText());
        assertEquals(150e9, value(cs3, "/interconnects/0/bandwidth"));
        assertEquals(450_000, value(cs3, "/cost/billOfMaterials"));
        assertEquals(20_000, value(cs3, "/cost/siliconCost"));
        assertEquals("external", cs3.at("/memory/1/kind").asText());
        assertEquals("system-io", cs3.at("/memory/1/via").asText());

        assertEquals("TSMC 16nm", systems.get("cerebras-cs1").at("/silicon/processNode/value").asText());
        assertEquals(18e9, value(systems.get("cerebras-cs1"), "/memory/0/capacity"));
        assertEquals("TSMC N7", systems.get("cerebras-cs2").at("/silicon/processNode/value").asText());
        assertEquals(40e9, value(systems.get("cerebras-cs2"), "/memory/0/capacity"));
        // What CUDA reports for an H100: 79.11 GiB.
        assertEquals(79.11 * (1L << 30), value(systems.get("nvidia-h100"), "/memory/0/capacity"), 1);
        assertEquals(3.35e12, value(systems.get("nvidia-h100"), "/memory/0/bandwidth"));
        assertEquals(230e6, value(systems.get("groq-lpu-v1"), "/memory/0/capacity"));
        assertEquals("dev.tokenscale.plugin-nvidia!/hardware/nvidia-h100.yaml",
                systems.get("nvidia-h100").get("origin").asText());
    }

    @Test
    void tableShowsEverySystemSideBySideInHumanUnits() throws IOException {
        CliRun run = builtIn("hardware");
        assertEquals(0, run.exit(), run.err());
        List<String> lines = run.out().lines().toList();
        for (String id : systems(builtIn("hardware", "--json")).keySet()) {
            assertTrue(lines.stream().anyMatch(line -> line.startsWith(id + " ")), id + " has no row");
        }
        int cs3 = indexOfLineStartingWith(lines, "cerebras-cs3 ");
        assertRow(lines.get(cs3), "cerebras-wafer", "1 x wafer", "sram 44 GB @ 21 PB/s", "fp16 15.625 PFLOPS",
                "125 PFLOPS", "system-io scale-out 150 GB/s, 5 us, domain 2,048", "15 kW / 23 kW",
                "capex $1,000,000");
        assertRow(lines.get(cs3 + 1), "kv-storage 1.5 TB @ 150 GB/s via system-io", "BOM $450,000");
        assertRow(lines.get(cs3 + 2), "silicon $20,000");
        int h100 = indexOfLineStartingWith(lines, "nvidia-h100 ");
        assertRow(lines.get(h100), "8 x GPU", "hbm 84.944 GB @ 3.35 TB/s", "bf16 989.4 TFLOPS", "1.9789 PFLOPS",
                "nvlink scale-up 450 GB/s, 10 us, domain 8", "700 W / 10.2 kW");
        assertRow(lines.get(h100 + 3), "int8 1.9789 POPS", "3.9578 POPS");
    }

    @Test
    void sourcesListEveryFigureWithItsSource() {
        CliRun run = builtIn("hardware", "--sources");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().lines().anyMatch(line -> line.matches("cerebras-cs3 +memory\\[sram]\\.capacity +44 GB +"
                + "https://www\\.tomshardware\\.com/\\S+")), run.out());
        assertTrue(run.out().lines().anyMatch(line -> line.matches("cerebras-cs3 +compute\\.fp16\\.dense +15\\.625 "
                + "PFLOPS +estimate: 125 PFLOPS marketed assumes 8:1 unstructured sparsity.*")), run.out());
    }

    @Test
    void showPrintsEveryFigureWithItsSourceAndNote() throws IOException {
        CliRun run = builtIn("hardware", "show", "cerebras-cs3");
        assertEquals(0, run.exit(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals("cerebras-cs3: Cerebras CS-3 (WSE-3) (Cerebras, shipping)", lines.get(0));
        int dies = indexOfLineStartingWith(lines, "silicon.dies ");
        assertTrue(lines.get(dies).matches("silicon\\.dies +84 +https://vengineer\\.hatenablog\\.com/\\S+"),
                lines.get(dies));
        assertTrue(lines.get(dies + 1).strip().startsWith("note: 84 identical exposure dies"), lines.get(dies + 1));

        JsonNode cs3 = JSON.readTree(builtIn("hardware", "show", "cerebras-cs3", "--json").out());
        assertEquals(systems(builtIn("hardware", "--json")).get("cerebras-cs3"), cs3);
        int figures = countFigures(cs3);
        assertEquals(figures, lines.stream().filter(line -> line.matches("[a-zA-Z]+[.\\[][^ ]* +.+ +(https?://|"
                + "estimate:).*")).count(), run.out());
        assertTrue(figures >= 20, "figures: " + figures);
    }

    @Test
    void unknownIdIsOneLineNamingTheNearestIds() {
        CliRun run = run("hardware", "show", "cerebras-cs4");
        assertEquals(1, run.exit());
        assertEquals("", run.out());
        assertEquals("error: unknown hardware 'cerebras-cs4'; did you mean cerebras-cs1, cerebras-cs2, cerebras-cs3?",
                run.err().strip());
        assertTrue(run("hardware", "show", "h100").err().startsWith("error: unknown hardware 'h100'; did you mean "
                + "nvidia-h100, "));
    }

    @Test
    void specOnlyFileGivenWithHardwareFileAppearsBesideTheBuiltInSystems(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("test-wafer.yaml"), BadSpecs.GOOD);
        Map<String, JsonNode> systems = systems(run("hardware", "--json", "--hardware-file", file.toString()));
        assertTrue(systems.keySet().containsAll(List.of("test-wafer", "cerebras-cs3", "nvidia-h100")),
                systems.keySet().toString());
        assertEquals(file.toString(), systems.get("test-wafer").get("origin").asText());
        assertEquals(150e9, value(systems.get("test-wafer"), "/interconnects/0/bandwidth"));

        CliRun table = run("hardware", "--hardware-file", file.toString());
        assertTrue(table.out().lines().anyMatch(line -> line.startsWith("test-wafer ")), table.out());
    }

    @Test
    void specOnlyFileDroppedInAPluginFolderAppearsBesideTheBuiltInSystems(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("test-wafer.yaml"), BadSpecs.GOOD);
        Map<String, JsonNode> systems = systems(run("hardware", "--json", "--plugins", dir.toString()));
        assertTrue(systems.keySet().containsAll(List.of("test-wafer", "cerebras-cs3", "nvidia-h100")),
                systems.keySet().toString());
        assertEquals(dir.resolve("test-wafer.yaml").toString(), systems.get("test-wafer").get("origin").asText());
    }

    @Test
    void dataOnlyBundleWithTheHardwareHeaderAddsItsSystems(@TempDir Path dir) throws IOException {
        TestPlugins.bundle("com.example.hardware").hardware("test-wafer.yaml", BadSpecs.GOOD)
                .write(dir.resolve("example.jar"));
        Map<String, JsonNode> systems = systems(run("hardware", "--json", "--plugins", dir.toString()));
        assertTrue(systems.containsKey("cerebras-cs3"), systems.keySet().toString());
        assertEquals("com.example.hardware!/hardware/test-wafer.yaml", systems.get("test-wafer").get("origin").asText());
    }

    @Test
    void badHardwareFileFailsTheCommandWithOneLine(@TempDir Path dir) throws IOException {
        List<BadSpecs.Case> cases = List.of(BadSpecs.named("YAML syntax error"), BadSpecs.named("zero capacity"),
                new BadSpecs.Case("family not installed", "family: roofline", "family: rooflin", "family",
                        List.of("expected an installed family, one of cerebras-wafer, groq-lpu, nvidia-hbm, roofline")));
        for (BadSpecs.Case bad : cases) {
            Path file = Files.writeString(dir.resolve("bad.yaml"), bad.text());
            assertFailsInOneLine(run("hardware", "--hardware-file", file.toString()), file, bad);
        }
        Path file = Files.writeString(dir.resolve("bad.yaml"), cases.get(1).text());
        assertFailsInOneLine(run("hardware", "show", "cerebras-cs3", "--json", "--hardware-file", file.toString()),
                file, cases.get(1));
    }

    private static void assertFailsInOneLine(CliRun run, Path file, BadSpecs.Case bad) {
        assertEquals(1, run.exit(), bad.name() + ": " + run.err());
        assertEquals("", run.out(), bad.name());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("error: " + file + ": field '" + bad.field() + "': "), run.err());
        bad.keywords().forEach(word -> assertTrue(run.err().contains(word), word + " not in " + run.err()));
    }

    @Test
    void badFileDroppedInAPluginFolderIsReportedAndSkipped(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("test-wafer.yaml"), BadSpecs.GOOD);
        Path bad = Files.writeString(dir.resolve("zero.yaml"), BadSpecs.named("zero capacity").text()
                .replace("id: test-wafer", "id: zero-wafer"));
        Map<String, JsonNode> systems = systems(run("hardware", "--json", "--plugins", dir.toString()));
        assertTrue(systems.containsKey("test-wafer") && systems.containsKey("cerebras-cs3"), systems.keySet() + "");

        CliRun plugins = run("plugins", "--json", "--plugins", dir.toString());
        assertEquals(1, plugins.exit());
        JsonNode report = null;
        for (JsonNode plugin : JSON.readTree(plugins.out()).get("plugins")) {
            if (plugin.get("location").asText().equals(bad.toString())) {
                report = plugin;
            }
        }
        assertNotNull(report, plugins.out());
        assertEquals("FAILED", report.get("state").asText());
        assertEquals(bad + ": field 'memory[0].capacity.value': '0 GB': expected a value above zero, from 1e-30 "
                + "to 1e30",
                report.get("error").asText());
    }

    @Test
    void jsonOfASystemReadsBackAsASpecFile(@TempDir Path dir) throws IOException {
        ObjectNode cs3 = (ObjectNode) JSON.readTree(builtIn("hardware", "show", "cerebras-cs3", "--json").out());
        cs3.remove("origin");
        cs3.put("id", "cs3-copy");
        Path copy = dir.resolve("cs3-copy.json");
        JSON.writeValue(copy.toFile(), cs3);
        ObjectNode again = (ObjectNode) JSON.readTree(run("hardware", "show", "cs3-copy", "--json",
                "--hardware-file", copy.toString()).out());
        assertEquals(copy.toString(), again.remove("origin").asText());
        assertEquals(cs3, again);
    }

    private static int countFigures(JsonNode node) {
        if (node.has("value") && node.has("source")) {
            return 1;
        }
        int figures = 0;
        for (JsonNode child : node) {
            figures += countFigures(child);
        }
        return figures;
    }

    private static int indexOfLineStartingWith(List<String> lines, String start) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(start)) {
                return i;
            }
        }
        throw new AssertionError("no line starts with '" + start + "'");
    }

    /** The line holds these cells, in this order, each set off by two spaces or more. */
    private static void assertRow(String line, String... cells) {
        List<String> found = List.of(line.strip().split(" {2,}"));
        int from = 0;
        for (String cell : cells) {
            int at = found.subList(from, found.size()).indexOf(cell);
            assertTrue(at >= 0, "'" + cell + "' is not a cell after column " + from + " in: " + line);
            from += at + 1;
        }
    }
}
