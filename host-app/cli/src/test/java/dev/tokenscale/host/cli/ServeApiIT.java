package dev.tokenscale.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenscale.host.embed.CompareRequest;
import dev.tokenscale.host.embed.EconomicsRequest;
import dev.tokenscale.host.embed.EstimateRequest;
import dev.tokenscale.host.embed.FleetRequest;
import dev.tokenscale.host.embed.PlaceRequest;
import dev.tokenscale.host.http.ApiServer;
import dev.tokenscale.host.testing.RunningServe;
import dev.tokenscale.host.testing.SchemaCheck;
import dev.tokenscale.host.http.ServeRoutes;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.RecordComponent;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The HTTP API of {@code tokenscale serve} against its OpenAPI document, over real HTTP on localhost: every
 * documented endpoint answers, every answer fits its documented schema, the document lists exactly the endpoints
 * the server has, and mistakes get 4xx JSON errors that fit the error schema, never a stack trace.
 */
class ServeApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static RunningServe serve;
    private static JsonNode document;
    private static SchemaCheck check;

    @BeforeAll
    static void start() throws Exception {
        serve = RunningServe.start();
        try (InputStream in = ServeApiIT.class.getResourceAsStream(ServeRoutes.OPENAPI)) {
            document = JSON.readTree(in);
        }
        check = new SchemaCheck(document);
    }

    @AfterAll
    static void stop() throws Exception {
        serve.close();
    }

    private static JsonNode schema(String ref) {
        return JSON.createObjectNode().put("$ref", "#/components/schemas/" + ref);
    }

    @Test
    void servesItsOpenApiDocument() throws Exception {
        HttpResponse<String> response = serve.send("GET", "openapi.json", null);
        assertEquals(200, response.statusCode());
        assertEquals(document, JSON.readTree(response.body()));
        assertEquals("3.0.3", document.get("openapi").asText());
    }

    @Test
    void everyDocumentedEndpointAnswersAsDocumented() throws Exception {
        List<String> checked = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                String method = op.getKey().toUpperCase(java.util.Locale.ROOT);
                JsonNode body = op.getValue().at("/requestBody/content/application~1json");
                if (!body.isMissingNode()) {
                    assertEquals(List.of(), check.problems(body.get("example"), body.get("schema")),
                            method + " " + path.getKey() + " example");
                }
                HttpResponse<String> response = serve.send(method, path.getKey().substring(1),
                        body.isMissingNode() ? null : body.get("example").toString());
                assertEquals(200, response.statusCode(), method + " " + path.getKey() + ": " + response.body());
                JsonNode answer = JSON.readTree(response.body());
                JsonNode schema = op.getValue().at("/responses/200/content/application~1json/schema");
                assertEquals(List.of(), check.problems(answer, schema), method + " " + path.getKey());
                checked.add(method + " " + path.getKey());
            }
        }
        assertEquals(Arrays.asList(JSON.convertValue(get("").get("endpoints"), String[].class)), checked,
                "the document lists exactly the server's endpoints, in its order");
    }

    @Test
    void answersCarryValuesNotJustShapes() throws Exception {
        JsonNode hardware = get("hardware?family=cerebras-wafer").get("hardware");
        assertEquals(List.of(), check.problems(hardware, JSON.createObjectNode().put("type", "array")
                .set("items", schema("Hardware"))));
        List<String> ids = new ArrayList<>();
        hardware.forEach(h -> ids.add(h.get("id").asText()));
        assertEquals(List.of("cerebras-cs1", "cerebras-cs2", "cerebras-cs3"), ids);
        JsonNode cs3 = hardware.get(2);
        assertEquals(44e9, cs3.at("/memory/0/capacity/value").asDouble(), 1e9);
        JsonNode models = get("models").get("models");
        JsonNode gptOss = null;
        for (JsonNode m : models) {
            gptOss = m.get("id").asText().equals("gpt-oss-120b") ? m : gptOss;
        }
        assertTrue(gptOss != null && gptOss.get("totalParameters").asLong() > 110e9, models.toString());
        assertEquals(128, gptOss.at("/moe/experts").asInt());
    }

    @Test
    void estimatesAndPlacesExactlyAsTheCliDoes() throws Exception {
        HttpResponse<String> estimate = serve.send("POST", "estimate", "{\"model\": \"llama-3.1-8b\", \"hardware\": "
                + "\"nvidia-h100\", \"batch\": 8, \"context\": 4096, \"objective\": \"THROUGHPUT\", \"weights\": \"fp8\"}");
        assertEquals(200, estimate.statusCode(), estimate.body());
        JsonNode served = JSON.readTree(estimate.body());
        assertEquals(cli("estimate", "--model", "llama-3.1-8b", "--hardware", "nvidia-h100", "--batch", "8",
                "--context", "4096", "--objective", "throughput", "--weights", "fp8", "--json"), served);
        assertEquals(8, served.get("batch").asInt());
        assertEquals("fp8", served.get("weightPrecision").asText());
        assertTrue(served.get("tokensPerUserPerSecond").asDouble() > 0);

        HttpResponse<String> place = serve.send("POST", "place", "{\"model\": \"llama-3.1-70b\", \"hardware\": "
                + "\"cerebras-cs3\", \"top\": 2}");
        assertEquals(200, place.statusCode(), place.body());
        JsonNode ranking = JSON.readTree(place.body());
        assertEquals(cli("place", "--model", "llama-3.1-70b", "--hardware", "cerebras-cs3", "--top", "2", "--json"),
                ranking);
        assertEquals(2, ranking.get("ranked").size());
        assertTrue(ranking.get("feasible").asInt() > 2, ranking.toString());
    }

    @Test
    void comparesAndSizesFleetsExactlyAsTheCliDoes() throws Exception {
        HttpResponse<String> compare = serve.send("POST", "compare", "{\"model\": \"llama-3.1-8b\", \"hardware\": "
                + "[\"nvidia-h200\", \"groq-lpu-v1\"], \"economics\": {\"pue\": 1.2}, \"costAt\": 100}");
        assertEquals(200, compare.statusCode(), compare.body());
        assertEquals(cli("compare", "--model", "llama-3.1-8b", "--hardware", "nvidia-h200,groq-lpu-v1", "--pue", "1.2",
                "--cost-at", "100", "--json"), JSON.readTree(compare.body()));
        HttpResponse<String> fleet = serve.send("POST", "fleet", "{\"model\": \"llama-3.1-8b\", \"powerWatts\": "
                + "7.5e8, \"hardware\": [\"nvidia-h200\"], \"atInteractivity\": 100}");
        assertEquals(200, fleet.statusCode(), fleet.body());
        JsonNode sizing = JSON.readTree(fleet.body());
        assertEquals(cli("fleet", "--model", "llama-3.1-8b", "--power", "750MW", "--hardware", "nvidia-h200",
                "--at-interactivity", "100", "--json"), sizing);
        assertEquals(7.5e8, sizing.get("powerWatts").asDouble());
        assertTrue(sizing.at("/fleets/0/systems").asLong() > 50_000, sizing.toString());
    }

    @Test
    void answersWithoutWaitingForTheClientsDelayedAck() throws Exception {
        String body = "{\"model\": \"llama-3.1-8b\", \"hardware\": \"nvidia-h100\"}";
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            long start = System.nanoTime();
            assertEquals(200, serve.send("POST", "estimate", body).statusCode());
            millis.add((System.nanoTime() - start) / 1_000_000);
        }
        // With Nagle's algorithm on, each answer waits for the client's delayed ACK: about 40 ms every time.
        millis.sort(null);
        assertTrue(millis.get(millis.size() / 2) < 25, "median of sequential requests: " + millis);
    }

    @Test
    void theRequestSchemasNameTheRequestRecordsFields() {
        for (Class<?> type : List.of(EstimateRequest.class, PlaceRequest.class, CompareRequest.class,
                FleetRequest.class, EconomicsRequest.class)) {
            TreeSet<String> documented = new TreeSet<>();
            document.at("/components/schemas/" + type.getSimpleName() + "/properties").fieldNames()
                    .forEachRemaining(documented::add);
            TreeSet<String> fields = new TreeSet<>(Arrays.stream(type.getRecordComponents())
                    .map(RecordComponent::getName).toList());
            assertEquals(fields, documented, type.getSimpleName());
        }
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "POST | estimate | `{\"model\": ` | 400 | bad_request | invalid JSON body: Unexpected end-of-input "
                + "within/between Object entries (line 1, column 11)",
        "POST | estimate | `{\"model\": \"llama-3.1-8b\", \"hardware\": \"nvidia-h100\"} x` | 400 | bad_request | "
                + "invalid JSON body: Unrecognized token 'x': was expecting (JSON String, Number, Array, Object or token "
                + "'null', 'true' or 'false') (line 1, column 54)",
        "POST | estimate | `` | 400 | bad_request | a JSON body is required",
        "POST | estimate | `[1, 2]` | 400 | bad_request | expected a JSON object",
        "POST | estimate | `{\"modle\": \"llama-3.1-8b\"}` | 400 | bad_request | unknown field 'modle'; expected one "
                + "of [batch, context, experts, hardware, kv, maxDevices, minInteractivity, model, objective, "
                + "placement, prompt, speculative, weights]",
        "POST | estimate | `{\"model\": \"llama-3.1-8b\"}` | 400 | bad_request | hardware is required",
        "POST | estimate | `{\"model\": \"llama-3.1-8b\", \"hardware\": \"nvidia-h10\"}` | 400 | bad_request | "
                + "unknown hardware 'nvidia-h10'; did you mean nvidia-h100, nvidia-h200, nvidia-b200?",
        "POST | estimate | `{\"model\": \"llama-9b\", \"hardware\": \"nvidia-h100\"}` | 400 | bad_request | "
                + "unknown model 'llama-9b'; did you mean llama-3.1-8b, kimi-k2, llama-3.1-70b?",
        "POST | estimate | `{\"model\": \"llama-3.1-8b\", \"hardware\": \"nvidia-h100\", \"batch\": -3}` | 400 | "
                + "bad_request | batch -3: expected a whole number from 1 to 65,536",
        "POST | estimate | `{\"model\": \"llama-3.1-8b\", \"hardware\": \"nvidia-h100\", \"batch\": \"eight\"}` | "
                + "400 | bad_request | field 'batch': expected a whole number",
        "POST | estimate | `{\"model\": \"llama-3.1-8b\", \"hardware\": \"nvidia-h100\", \"batch\": 1.5}` | 400 | "
                + "bad_request | field 'batch': expected a whole number",
        "POST | estimate | `{\"model\": \"llama-3.1-8b\", \"hardware\": \"nvidia-h100\", \"weights\": \"fp7\"}` | "
                + "400 | bad_request | field 'weights': expected one of [fp32, bf16, fp16, fp8, int8, fp4, mxfp4, "
                + "nvfp4]",
        "POST | estimate | `{\"model\": \"llama-3.1-8b\", \"hardware\": \"nvidia-h100\", \"placement\": "
                + "{\"tensorParallel\": 0}}` | 400 | bad_request | placement.tensorParallel 0: expected a whole "
                + "number from 1 to 1,000,000",
        "POST | estimate | `{\"model\": \"llama-3.1-8b\", \"hardware\": \"nvidia-h100\", \"placement\": "
                + "{\"expertParallel\": 2}}` | 400 | bad_request | placement: ep=2 needs a mixture-of-experts model; "
                + "llama-3.1-8b is dense",
        "POST | estimate | `{\"model\": \"llama-3.1-8b\", \"hardware\": \"nvidia-h100\", \"placement\": {\"tp\": 8}}` "
                + "| 400 | bad_request | unknown field 'placement.tp'; expected one of [dataParallel, "
                + "decodeInstances, expertParallel, microBatches, pipelineStages, prefillInstances, tensorParallel]",
        "POST | estimate | `{\"model\": \"llama-3.1-8b\", \"hardware\": \"nvidia-h100\", \"speculative\": "
                + "{\"draft\": \"llama-3.1-8b\", \"draftLength\": 4, \"acceptance\": 1.5}}` | 400 | bad_request | "
                + "speculative.acceptance 1.5: expected a probability in [0, 1)",
        "POST | place | `{\"model\": \"llama-3.1-8b\", \"hardware\": \"nvidia-h100\", \"top\": 0}` | 400 | "
                + "bad_request | top 0: expected a whole number from 1 to 10,000",
        "GET | estimate | `` | 405 | method_not_allowed | GET /estimate is not supported; use POST",
        "POST | hardware | `{}` | 405 | method_not_allowed | POST /hardware is not supported; use GET",
        "GET | compute | `` | 404 | not_found | no endpoint /compute; endpoints: [GET /, GET /openapi.json, "
                + "GET /plugins, GET /hardware, GET /models, POST /estimate, POST /place, POST /compare, POST /fleet]",
        "POST | compare | `{\"model\": \"llama-3.1-8b\", \"context\": 1000}` | 400 | bad_request | context 1000: "
                + "expected more than the prompt's 1024 tokens: a request's context is its prompt plus its output",
        "POST | compare | `{\"model\": \"llama-3.1-8b\", \"economics\": {\"pue\": 0.9}}` | 400 | bad_request | "
                + "economics.pue 0.9: expected a number from 1 to 10",
        "POST | compare | `{\"model\": \"llama-3.1-8b\", \"economics\": {\"capexUsd\": {\"nvidia-h10\": 1e6}}}` | "
                + "400 | bad_request | economics.capexUsd: unknown hardware 'nvidia-h10'; did you mean nvidia-h100, "
                + "nvidia-h200, nvidia-b200?",
        "POST | compare | `{\"model\": \"llama-3.1-8b\", \"hardware\": \"nvidia-h100\"}` | 400 | bad_request | "
                + "field 'hardware': expected an array",
        "POST | fleet | `{\"model\": \"llama-3.1-8b\"}` | 400 | bad_request | powerWatts is required",
        "POST | fleet | `{\"model\": \"llama-3.1-8b\", \"powerWatts\": -1}` | 400 | bad_request | powerWatts -1.0: "
                + "expected a number above 0, up to 1e12",
        "POST | estimate | `null` | 400 | bad_request | expected a JSON object",
        "POST | compare | `null` | 400 | bad_request | expected a JSON object",
        "POST | estimate | `{\"model\": 5, \"hardware\": \"nvidia-h100\"}` | 400 | bad_request | field 'model': "
                + "expected a string",
    })
    void mistakesGetJsonErrors(String method, String path, String body, int status, String code, String message)
            throws Exception {
        HttpResponse<String> response = serve.send(method, path, body == null ? "" : body);
        assertError(response, status, code, message);
        if (status == 405) {
            assertTrue(response.headers().firstValue("Allow").isPresent());
        }
        JsonNode documented = document.at("/paths/~1" + path + "/" + method.toLowerCase(java.util.Locale.ROOT)
                + "/responses/" + status);
        assertTrue(status == 404 || status == 405 || !documented.isMissingNode(),
                method + " " + path + " does not document " + status);
    }

    @Test
    void anOversizedBodyIsRefusedBeforeItIsRead() throws Exception {
        String body = "{\"model\": \"" + "x".repeat(ApiServer.MAX_BODY_BYTES) + "\"}";
        assertError(serve.send("POST", "estimate", body), 413, "payload_too_large",
                "the body is over " + ApiServer.MAX_BODY_BYTES + " bytes");
    }

    private static void assertError(HttpResponse<String> response, int status, String code, String message)
            throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/json; charset=utf-8", response.headers().firstValue("Content-Type").orElse(""));
        JsonNode error = JSON.readTree(response.body());
        assertEquals(List.of(), check.problems(error, schema("Error")));
        assertEquals(code, error.at("/error/code").asText());
        assertEquals(message, error.at("/error/message").asText());
        assertFalse(response.body().contains("Exception") || response.body().contains("\tat "), response.body());
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> response = serve.send("GET", path, null);
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static JsonNode cli(String... args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, Main.run(args, new PrintWriter(out), new PrintWriter(err)), err.toString());
        return JSON.readTree(out.toString());
    }
}
