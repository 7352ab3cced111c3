package dev.tokenscale.host.cli;

import static dev.tokenscale.host.testing.TestPlugins.bundle;
import static dev.tokenscale.host.testing.TestPlugins.spec;
import static dev.tokenscale.host.testing.TestPlugins.withFamily;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenscale.host.testing.RunningServe;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tokenscale serve} as a user runs it, over real HTTP on localhost: plugins dropped into a watched folder
 * appear in {@code GET /hardware} without a restart, removed ones disappear, a broken one is reported in
 * {@code GET /plugins} while the rest keep working. ({@link ServeApiIT} checks the endpoints themselves.)
 */
class ServeHotDeployIT {

    private static final Duration WAIT = RunningServe.WAIT;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private RunningServe serve;

    @BeforeEach
    void startServer() throws Exception {
        Files.createDirectories(dir.resolve("drop"));
        serve = RunningServe.start("--poll", "50", "--plugins", dir.resolve("drop").toString());
    }

    @AfterEach
    void stopServer() throws Exception {
        serve.close();
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return serve.send(method, path, null);
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = send("GET", path);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("application/json; charset=utf-8", response.headers().firstValue("Content-Type").orElse(""));
        return JSON.readTree(response.body());
    }

    private List<String> hardwareIds() throws Exception {
        List<String> ids = new ArrayList<>();
        get("hardware").get("hardware").forEach(h -> ids.add(h.get("id").asText()));
        return ids;
    }

    /** Polls until the condition holds (bounded), and returns how long it took in ms. */
    private long until(String what, Predicate<List<String>> condition) throws Exception {
        long start = System.nanoTime();
        while (!condition.test(hardwareIds())) {
            assertTrue(System.nanoTime() - start < WAIT.toNanos(),
                    "timed out waiting until " + what + "\n" + serve.output());
            Thread.sleep(10);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void droppedJarsAppearRemovedJarsDisappearAndBrokenOnesAreReported() throws Exception {
        List<String> builtIn = hardwareIds();
        assertTrue(builtIn.contains("nvidia-h100"), builtIn.toString());
        Path drop = dir.resolve("drop");

        // A data-only bundle on the host's default roofline.
        Path dataJar = bundle("test.hot.data").hardware("hot-npu.yaml", spec("hot-npu", "roofline"))
                .write(drop.resolve("hot-data.jar"));
        long dataIn = until("hot-npu appears", ids -> ids.contains("hot-npu"));
        // A bundle with code: its family service comes with it.
        Path codeJar = withFamily(bundle("test.hot.code").hardware("hot-code.yaml", spec("hot-code", "hot-family")),
                "test.hot.code", "hot-family", "").write(drop.resolve("hot-code.jar"));
        long codeIn = until("hot-code appears", ids -> ids.contains("hot-code"));
        JsonNode hotCode = get("hardware?family=hot-family").get("hardware");
        assertEquals(1, hotCode.size());
        assertEquals("hot-code", hotCode.get(0).get("id").asText());
        // The entry of `hardware --json`: the spec-file schema in SI units, every figure with its source.
        assertEquals(1e12, hotCode.get(0).get("memory").get(0).get("bandwidth").get("value").asDouble());
        assertEquals(8, hotCode.get(0).get("system").get("devices").get("value").asInt());
        assertEquals(1e14, hotCode.get(0).get("compute").get("bf16").get("dense").get("value").asDouble());
        assertEquals("test.hot.code!/hardware/hot-code.yaml", hotCode.get(0).get("origin").asText());

        // A broken jar is reported and ignored; everything else keeps working.
        Files.writeString(drop.resolve("broken.jar"), "not a zip");
        JsonNode broken = null;
        long start = System.nanoTime();
        while (broken == null) {
            assertTrue(System.nanoTime() - start < WAIT.toNanos(), "broken.jar was never reported\n" + serve.output());
            for (JsonNode plugin : get("plugins").get("plugins")) {
                if (plugin.get("name").asText().equals("broken.jar")) {
                    broken = plugin;
                }
            }
            Thread.sleep(10);
        }
        assertEquals("FAILED", broken.get("state").asText());
        assertTrue(broken.get("error").asText().startsWith("not a readable jar: "), broken.toString());
        assertTrue(hardwareIds().containsAll(List.of("hot-npu", "hot-code", "nvidia-h100")));

        Files.delete(codeJar);
        long codeOut = until("hot-code disappears", ids -> !ids.contains("hot-code"));
        assertEquals(0, get("hardware?family=hot-family").get("hardware").size());
        Files.delete(dataJar);
        long dataOut = until("hot-npu disappears", ids -> !ids.contains("hot-npu"));
        assertEquals(builtIn, hardwareIds());
        // The watcher reports a removal just after the host forgets the plugin: wait for the line.
        long removal = System.nanoTime();
        while (!serve.output().contains(" removed hot-data.jar\n")) {
            assertTrue(System.nanoTime() - removal < WAIT.toNanos(), "removal never reported\n" + serve.output());
            Thread.sleep(10);
        }
        String console = serve.output();
        assertTrue(console.matches("(?s).*\\d\\d:\\d\\d:\\d\\d deployed hot-data\\.jar in \\d+ ms\n.*"), console);
        assertTrue(console.contains(" broken.jar failed: not a readable jar: "), console);
        assertTrue(console.contains(" removed hot-data.jar\n"), console);
        System.out.printf("hot deploy with --poll 50: data jar in %d ms, code jar in %d ms; removal %d ms and %d ms%n",
                dataIn, codeIn, codeOut, dataOut);
    }
}
