package dev.tokenscale.host.cli;

import static dev.tokenscale.host.testing.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenscale.host.testing.CliRun;
import dev.tokenscale.host.testing.TestPlugins;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code compare} and {@code fleet} end to end on the built-in plugins: JSON, CSV, table, PNG and bad input. */
class CompareCommandIT {

    private static final String TWO = "cerebras-cs3,nvidia-h200";

    @TempDir
    Path dir;

    @Test
    void aBadSpecInAPluginFolderIsOneWarningAndTheRestIsCompared() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.writeString(plugins.resolve("orphan.yaml"), TestPlugins.spec("orphan-npu", "no-such-family"));
        CliRun compare = run("compare", "--model", "gpt-oss-120b", "--hardware", TWO, "--plugins", plugins.toString());
        assertEquals(0, compare.exit(), compare.err());
        List<String> warnings = compare.err().lines().filter(line -> line.contains("orphan.yaml")).toList();
        assertEquals(1, warnings.size(), compare.err());
        assertTrue(warnings.get(0).startsWith("warning: ") && warnings.get(0).contains("'no-such-family'"),
                warnings.get(0));
        assertTrue(compare.out().contains("cerebras-cs3") && compare.out().contains("nvidia-h200"), compare.out());
    }

    @Test
    void jsonHasTheDocumentedFieldsAndCsvOneRowPerFrontierPoint() throws Exception {
        CliRun json = run("compare", "--model", "gpt-oss-120b", "--hardware", TWO, "--json");
        assertEquals(0, json.exit(), json.err());
        JsonNode root = new ObjectMapper().readTree(json.out());
        assertEquals("gpt-oss-120b", root.get("model").asText());
        assertEquals(7168, root.get("outputTokens").asLong());
        assertEquals(1.3, root.get("economics").get("pue").asDouble());
        JsonNode systems = root.get("systems");
        assertEquals(2, systems.size());
        int points = 0;
        for (JsonNode system : systems) {
            JsonNode frontier = system.get("frontier");
            assertTrue(frontier.size() > 3, system.get("hardware").asText());
            double fastest = 0;
            double best = 0;
            for (JsonNode point : frontier) {
                for (String field : new String[] {"batch", "placement", "tokensPerUserPerSecond",
                        "tokensPerChipPerSecond", "costPerMillionTokensUsd", "tokensPerSecondPerMegawatt"}) {
                    assertTrue(point.hasNonNull(field), field);
                }
                fastest = Math.max(fastest, point.get("tokensPerUserPerSecond").asDouble());
                best = Math.max(best, point.get("tokensPerChipPerSecond").asDouble());
            }
            assertEquals(fastest, system.get("maxInteractivity").asDouble());
            assertEquals(best, system.get("maxThroughputPerChip").asDouble());
            points += frontier.size();
        }
        assertEquals(40, root.get("premium").get("standardInteractivity").asDouble());
        assertEquals(2, root.get("premium").get("fast").size());

        CliRun csv = run("compare", "--model", "gpt-oss-120b", "--hardware", TWO, "--csv");
        assertEquals(0, csv.exit(), csv.err());
        String[] lines = csv.out().strip().split("\n");
        assertEquals(points + 1, lines.length);
        assertTrue(lines[0].startsWith("hardware,batch,placement,deployment,devices,"), lines[0]);
        assertTrue(lines[1].startsWith("cerebras-cs3,"), lines[1]);
    }

    @Test
    void tableAndPng() throws Exception {
        Path png = dir.resolve("frontier.png");
        CliRun table = run("compare", "--model", "gpt-oss-120b", "--hardware", TWO, "--png", png.toString());
        assertEquals(0, table.exit(), table.err());
        assertTrue(table.out().contains("max tok/s/user"), table.out());
        assertTrue(table.out().contains("$/Mtok @50 tok/s/user"), table.out());
        assertTrue(table.out().contains("2 wafers"), table.out());
        assertTrue(table.out().contains("why a row: ./tokenscale estimate --model gpt-oss-120b --hardware "
                + "cerebras-cs3 --explain"), table.out());
        assertTrue(table.out().contains("speed premium"), table.out());
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(FrontierChart.WIDTH, image.getWidth());
        assertEquals(FrontierChart.HEIGHT, image.getHeight());
        assertTrue(Pixels.coloured(image) > 500, "the chart draws coloured series");
    }

    @Test
    void fleetAtAnInteractivityOnlyTheWaferReaches() throws Exception {
        CliRun fleet = run("fleet", "--power", "750MW", "--model", "gpt-oss-120b", "--hardware", TWO,
                "--at-interactivity", "1000", "--json");
        assertEquals(0, fleet.exit(), fleet.err());
        JsonNode root = new ObjectMapper().readTree(fleet.out());
        assertEquals(7.5e8, root.get("powerWatts").asDouble());
        for (JsonNode plan : root.get("fleets")) {
            boolean wafer = plan.get("hardware").asText().equals("cerebras-cs3");
            assertEquals(wafer, plan.get("reachesTarget").asBoolean(), plan.toString());
            assertTrue(plan.get("facilityWatts").asDouble() <= 7.5e8);
            assertTrue(plan.get("tokensPerSecond").asDouble() > 0);
        }
        CliRun table = run("fleet", "--power", "2GW", "--model", "gpt-oss-120b", "--hardware", "nvidia-h200");
        assertEquals(0, table.exit(), table.err());
        assertTrue(table.out().contains("fleets of 2 GW facility power · at >= 50 tok/s/user"), table.out());
    }

    @Test
    void badInputIsOneLineAndExitOne() {
        assertOneLineError(run("compare", "--model", "gpt-oss-120b", "--hardware", "nvidia-h201"),
                "unknown hardware 'nvidia-h201'; did you mean");
        assertOneLineError(run("compare", "--model", "gpt-oss-120b", "--json", "--csv"), "choose one");
        assertOneLineError(run("compare", "--model", "gpt-oss-120b", "--context", "1000"),
                "--context 1000: expected more than the prompt's 1024 tokens");
        assertOneLineError(run("compare", "--model", "gpt-oss-120b", "--economics", dir.resolve("none.yaml")
                .toString()), "no such file");
        assertOneLineError(run("fleet", "--model", "gpt-oss-120b", "--power", "0MW"), "expected a power above 0 W");
        assertOneLineError(run("fleet", "--model", "gpt-oss-120b", "--power", "-2GW"), "expected a power above 0 W");
    }

    private static void assertOneLineError(CliRun run, String expected) {
        assertEquals(1, run.exit(), run.out() + run.err());
        assertTrue(run.err().startsWith("error: ") && run.err().contains(expected), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertFalse(run.err().contains("Exception"), run.err());
    }
}
