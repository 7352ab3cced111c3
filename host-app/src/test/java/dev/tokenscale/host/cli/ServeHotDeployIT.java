package dev.tokenscale.host.cli;

import static dev.tokenscale.host.testing.TestPlugins.bundle;
import static dev.tokenscale.host.testing.TestPlugins.spec;
import static dev.tokenscale.host.testing.TestPlugins.withFamily;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenscale.host.http.ApiServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tokenscale serve} as a user runs it, over real HTTP on localhost: plugins dropped into a watched folder
 * appear in {@code GET /hardware} without a restart, removed ones disappear, a broken one is reported in
 * {@code GET /plugins} while the rest keep working, and mistakes get JSON errors.
 */
class ServeHotDeployIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final StringWriter out = new StringWriter();
    private final AtomicInteger exitCode = new AtomicInteger(-1);
    private Thread server;
    private URI base;

    @BeforeEach
    void startServer() throws Exception {
        Files.createDirectories(dir.resolve("drop"));
        server = new Thread(() -> exitCode.set(Main.run(new String[] {"serve", "--port", "0", "--poll", "50",
                "--plugins", dir.resolve("drop").toString()}, new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true))), "serve-under-test");
        server.start();
        Pattern url = Pattern.compile("tokenscale serving (http://127\\.0\\.0\\.1:\\d+/) with (\\d+) hardware");
        long deadline = System.nanoTime() + WAIT.toNanos();
        Matcher started = url.matcher("");
        while (!started.reset(out.toString()).find()) {
            assertTrue(System.nanoTime() < deadline && server.isAlive(), "serve did not start: " + out);
            Thread.sleep(20);
        }
        base = URI.create(started.group(1));
    }

    @AfterEach
    void stopServer() throws Exception {
        server.interrupt();
        server.join(WAIT.toMillis());
        assertFalse(server.isAlive(), "serve did not stop");
        assertEquals(0, exitCode.get(), out.toString());
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
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
            assertTrue(System.nanoTime() - start < WAIT.toNanos(), "timed out waiting until " + what + "\n" + out);
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
            assertTrue(System.nanoTime() - start < WAIT.toNanos(), "broken.jar was never reported\n" + out);
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
        while (!out.toString().contains(" removed hot-data.jar\n")) {
            assertTrue(System.nanoTime() - removal < WAIT.toNanos(), "removal never reported\n" + out);
            Thread.sleep(10);
        }
        String console = out.toString();
        assertTrue(console.matches("(?s).*\\d\\d:\\d\\d:\\d\\d deployed hot-data\\.jar in \\d+ ms\n.*"), console);
        assertTrue(console.contains(" broken.jar failed: not a readable jar: "), console);
        assertTrue(console.contains(" removed hot-data.jar\n"), console);
        System.out.printf("hot deploy with --poll 50: data jar in %d ms, code jar in %d ms; removal %d ms and %d ms%n",
                dataIn, codeIn, codeOut, dataOut);
    }

    @Test
    void answersMistakesWithJsonErrors() throws Exception {
        HttpResponse<String> missing = send("GET", "nope");
        assertEquals(404, missing.statusCode());
        JsonNode error = JSON.readTree(missing.body()).get("error");
        assertEquals("not_found", error.get("code").asText());
        assertEquals("no endpoint /nope; endpoints: [GET /, GET /plugins, GET /hardware, POST /estimate]",
                error.get("message").asText());

        HttpResponse<String> wrongMethod = send("POST", "hardware");
        assertEquals(405, wrongMethod.statusCode());
        assertEquals("GET", wrongMethod.headers().firstValue("Allow").orElse(""));
        assertEquals("method_not_allowed", JSON.readTree(wrongMethod.body()).get("error").get("code").asText());

        JsonNode index = get("");
        assertEquals("[\"GET /\",\"GET /plugins\",\"GET /hardware\",\"POST /estimate\"]",
                index.get("endpoints").toString());

        assertError(post("estimate", "{\"model\": \"llama-3.1-8b\", \"hardware\": \"nvidia-h10\"}"), 400,
                "unknown hardware 'nvidia-h10'; did you mean nvidia-h100, nvidia-h200, nvidia-b200?");
        assertError(post("estimate", "{\"model\": \"llama-3.1-8b\", \"batch\": \"eight\"}"), 400,
                "Invalid value for option '--batch': 'eight' is not an int");
        assertError(post("estimate", "{\"modle\": \"llama-3.1-8b\"}"), 400, "unknown field 'modle'; expected one of "
                + ServeRoutes.ESTIMATE_FIELDS);
        assertError(post("estimate", "{\"model\": "), 400,
                "invalid JSON body: Unexpected end-of-input within/between Object entries (line 1, column 11)");
        assertError(post("estimate", "x".repeat(ApiServer.MAX_BODY_BYTES + 1)), 413,
                "the body is over " + ApiServer.MAX_BODY_BYTES + " bytes");
    }

    @Test
    void estimatesExactlyAsTheCliDoes() throws Exception {
        String options = "{\"model\": \"llama-3.1-8b\", \"hardware\": \"nvidia-h100\", \"batch\": 8, "
                + "\"context\": 4096, \"objective\": \"THROUGHPUT\", \"weights\": \"fp8\"}";
        HttpResponse<String> response = post("estimate", options);
        assertEquals(200, response.statusCode(), response.body());
        StringWriter cli = new StringWriter();
        assertEquals(0, Main.run(new String[] {"estimate", "--model", "llama-3.1-8b", "--hardware", "nvidia-h100",
                "--batch", "8", "--context", "4096", "--objective", "throughput", "--weights", "fp8", "--json"},
                new PrintWriter(cli), new PrintWriter(new StringWriter())));
        JsonNode served = JSON.readTree(response.body());
        assertEquals(JSON.readTree(cli.toString()), served);
        assertEquals(8, served.get("batch").asInt());
        assertEquals("fp8", served.get("weightPrecision").asText());
        assertTrue(served.get("tokensPerUserPerSecond").asDouble() > 0);
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertError(HttpResponse<String> response, int status, String message) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(message, JSON.readTree(response.body()).get("error").get("message").asText());
    }
}
