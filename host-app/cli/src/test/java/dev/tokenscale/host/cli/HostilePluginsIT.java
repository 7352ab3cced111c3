package dev.tokenscale.host.cli;

import static dev.tokenscale.host.testing.TestPlugins.bundle;
import static dev.tokenscale.host.testing.TestPlugins.spec;
import static dev.tokenscale.host.testing.TestPlugins.withFamily;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenscale.host.testing.CliRun;
import dev.tokenscale.host.testing.RunningServe;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugins that misbehave, in the real framework (issue 16): a family whose model throws, one that hangs, one that
 * answers NaN, one that claims a taken family id, and an activator that never returns. Each fails alone and says
 * why; every built-in system keeps answering. The hanging family makes {@code compare} wait the plugin timeout
 * (5 s) once and the sleeping activator makes {@code plugins} wait the start-up timeout (3 s), which is why these
 * tests take that long.
 */
class HostilePluginsIT {

    private static final List<String> BUILT_IN = List.of("cerebras-cs1", "cerebras-cs2", "cerebras-cs3",
            "groq-lp30", "groq-lpu-v1", "nvidia-b200", "nvidia-b300", "nvidia-gb200-nvl72", "nvidia-gb300-nvl72",
            "nvidia-h100", "nvidia-h200", "stacked-sram-4layer");

    @TempDir
    static Path dir;
    private static Path families;

    @BeforeAll
    static void writePluginsAndWarmUp() throws Exception {
        // The timings below are of the commands, not of this JVM loading the host's classes for the first time.
        assertEquals(0, CliRun.run("plugins").exit());
        families = Files.createDirectories(dir.resolve("families"));
        family("boom", "throw new IllegalStateException(\"boom\");");
        family("hang", "try { Thread.sleep(Long.MAX_VALUE); } catch (InterruptedException e) { "
                + "Thread.currentThread().interrupt(); } return super.time(op);");
        family("nan", "return new OpTiming(Double.NaN, 0, 0, 0, Bound.MEMORY);");
    }

    private static void family(String name, String timeBody) throws Exception {
        withFamily(bundle("test.hostile." + name).hardware(name + ".yaml", spec("test-" + name, name + "-family")),
                "test.hostile." + name, name + "-family",
                "@Override public OpTiming time(Operation op) { " + timeBody + " }")
                .write(families.resolve(name + ".jar"));
    }

    @Test
    void compareAnswersForEveryBuiltInSystemAndMarksTheBrokenFamiliesFailed() throws Exception {
        long started = System.nanoTime();
        CliRun run = CliRun.run("compare", "--model", "llama-3.1-8b", "--plugins", families.toString(), "--json");
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(0, run.exit(), run.err());
        assertTrue(millis < 10_000, "compare took " + millis + " ms");
        Map<String, JsonNode> systems = new HashMap<>();
        run.json().path("systems").forEach(s -> systems.put(s.path("hardware").asText(), s));
        for (String id : BUILT_IN) {
            assertTrue(systems.get(id).path("frontier").size() > 0, id + " has no frontier: " + systems.get(id));
        }
        assertTrue(systems.get("test-boom").path("problem").asText().contains("failed: family 'boom-family' "
                + "failed: timing a"), systems.get("test-boom").toString());
        assertTrue(systems.get("test-boom").path("problem").asText().contains("boom"));
        assertTrue(systems.get("test-nan").path("problem").asText().contains("NaN s"),
                systems.get("test-nan").toString());
        assertTrue(systems.get("test-hang").path("problem").asText().contains("did not answer within 5000 ms"),
                systems.get("test-hang").toString());
        assertFalse(Pattern.compile(":\\s*\"?-?(NaN|Infinity)").matcher(run.out()).find(), run.out());
    }

    @Test
    void estimateOfABrokenFamilyIsOneLine() {
        CliRun.run("estimate", "--model", "llama-3.1-8b", "--hardware", "test-boom", "--plugins",
                families.toString()).assertOneLineError(1, "family 'boom-family' failed", "boom");
    }

    @Test
    void serveKeepsAnsweringCompareWithTheBrokenFamiliesInstalled() throws Exception {
        try (RunningServe serve = RunningServe.start("--plugins", families.toString())) {
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> answer = serve.send("POST", "compare", "{\"model\": \"llama-3.1-8b\"}");
                assertEquals(200, answer.statusCode(), answer.body());
                JsonNode systems = new ObjectMapper().readTree(answer.body()).path("systems");
                long answering = 0;
                for (JsonNode system : systems) {
                    answering += BUILT_IN.contains(system.path("hardware").asText())
                            && system.path("frontier").size() > 0 ? 1 : 0;
                }
                assertEquals(BUILT_IN.size(), answering, answer.body());
            }
            // After it hung once, the family is skipped and reported, not called again.
            String plugins = serve.send("GET", "plugins", null).body();
            assertTrue(plugins.contains("did not answer within 5000 ms"), plugins);
            HttpResponse<String> estimate = serve.send("POST", "estimate",
                    "{\"model\": \"llama-3.1-8b\", \"hardware\": \"test-nan\"}");
            assertEquals(503, estimate.statusCode(), estimate.body());
            assertTrue(estimate.body().contains("plugin_failed"), estimate.body());
        }
    }

    @Test
    void aTakenFamilyIdIsRefusedAndASleepingActivatorTimesOut() throws Exception {
        Path odd = Files.createDirectories(dir.resolve("odd"));
        withFamily(bundle("test.squatter").hardware("squat.yaml", spec("test-squat", "nvidia-hbm")),
                "test.squatter", "nvidia-hbm", "").write(odd.resolve("squatter.jar"));
        bundle("test.sleeper").activator("sleeper.Activator", """
                package sleeper;
                public class Activator implements org.osgi.framework.BundleActivator {
                    public void start(org.osgi.framework.BundleContext context) throws Exception {
                        Thread.sleep(60_000);
                    }
                    public void stop(org.osgi.framework.BundleContext context) {
                    }
                }
                """).write(odd.resolve("sleeper.jar"));
        long started = System.nanoTime();
        CliRun run = CliRun.run("plugins", "--plugins", odd.toString(), "--json");
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(millis < 10_000, "plugins took " + millis + " ms");
        Map<String, JsonNode> plugins = new HashMap<>();
        run.json().path("plugins").forEach(p -> plugins.put(p.path("name").asText(), p));
        assertEquals("FAILED", plugins.get("test.squatter").path("state").asText());
        assertTrue(plugins.get("test.squatter").path("error").asText().contains("refused: family id 'nvidia-hbm' "
                + "is already provided by dev.tokenscale.plugin-nvidia"), plugins.get("test.squatter").toString());
        assertEquals("ACTIVE", plugins.get("dev.tokenscale.plugin-nvidia").path("state").asText());
        assertEquals("FAILED", plugins.get("test.sleeper").path("state").asText());
        assertTrue(plugins.get("test.sleeper").path("error").asText().contains("did not start within 3000 ms"),
                plugins.get("test.sleeper").toString());
    }
}
