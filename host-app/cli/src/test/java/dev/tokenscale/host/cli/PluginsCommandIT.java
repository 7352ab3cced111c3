package dev.tokenscale.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tokenscale.api.ApiVersion;
import dev.tokenscale.host.testing.TestPlugins;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tokenscale plugins}, run in-process on the built distribution, and the exit codes. */
class PluginsCommandIT {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void listsTheFourBuiltInPluginsActiveWithWhatEachProvides() throws Exception {
        assertEquals(0, run("plugins", "--json"), err.toString());
        JsonNode plugins = JsonMapper.builder().build().readTree(out.toString()).get("plugins");
        List<String> names = new ArrayList<>();
        for (JsonNode plugin : plugins) {
            names.add(plugin.get("name").asText());
            assertEquals("ACTIVE", plugin.get("state").asText());
            assertEquals("1.0.0.SNAPSHOT", plugin.get("version").asText());
            assertTrue(plugin.get("error").isNull());
            String location = plugin.get("location").asText();
            assertTrue(location.startsWith(Path.of(System.getProperty("tokenscale.home"), "plugins") + "/")
                    && location.endsWith(".jar"), location);
        }
        assertEquals(List.of("dev.tokenscale.plugin-cerebras", "dev.tokenscale.plugin-groq-stacked",
                "dev.tokenscale.plugin-nvidia", "dev.tokenscale.plugin-workloads"), names);
        assertEquals("[\"cerebras-wafer\"]", plugins.get(0).at("/provides/families").toString());
        assertEquals("[\"cerebras-cs1\",\"cerebras-cs2\",\"cerebras-cs3\"]",
                plugins.get(0).at("/provides/hardware").toString());
        assertEquals("[\"groq-lpu\"]", plugins.get(1).at("/provides/families").toString());
        assertEquals("[\"nvidia-hbm\"]", plugins.get(2).at("/provides/families").toString());
        assertEquals(6, plugins.get(2).at("/provides/hardware").size());
        assertEquals(11, plugins.get(3).at("/provides/models").size());
        assertEquals(0, plugins.get(3).at("/provides/hardware").size());
    }

    @Test
    void listsEachBrokenPluginInOneLineAndExitsWithOne(@TempDir Path plugins) throws IOException {
        TestPlugins.writeBrokenSet(plugins);
        int exit = run("plugins", "--plugins", plugins.toString());
        assertEquals(1, exit);
        List<String> lines = out.toString().lines().toList();
        for (String expected : List.of("plain-library.jar .* not an OSGi bundle",
                "test.needs-api-2 .* FAILED .* provides " + ApiVersion.VALUE, "test.needs-java-21 .* FAILED .* Java 21",
                "test.throwing-activator .* FAILED .* no licence", "test.failing-component .* FAILED .* no licence",
                "test.models .* ACTIVE .*/broken.yaml")) {
            assertEquals(1, lines.stream().filter(l -> l.matches(expected + ".*")).count(), expected + " in\n" + out);
        }
        // What the host skipped is also said on stderr: one warning line each, never a stack trace.
        assertTrue(err.toString().lines().allMatch(line -> line.startsWith("warning: ")), err.toString());
        assertFalse(err.toString().contains("\tat "), err.toString());
    }

    @Test
    void aMissingPluginFolderIsOneLineAndExitCodeOne() {
        assertEquals(1, run("plugins", "--plugins", "/no/such/folder"));
        assertEquals("error: /no/such/folder: no such plugin folder", err.toString().strip());
    }

    @Test
    void anUnknownOptionIsAUsageErrorWithExitCodeTwo() {
        assertEquals(2, run("plugins", "--frobnicate"));
        assertEquals("error: Unknown option: '--frobnicate' (see tokenscale plugins --help)", err.toString().strip());
    }

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }
}
