package dev.tokenscale.host.cli;

import static dev.tokenscale.host.testing.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenscale.host.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The models, estimate and bench commands run in-process as a user runs them: their JSON fields, and one-line
 * errors with the right exit code for every kind of bad input.
 */
class CliIT {


    @TempDir
    Path dir;

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode model(JsonNode models, String id) {
        for (JsonNode m : models.get("models")) {
            if (m.get("id").asText().equals(id)) {
                return m;
            }
        }
        throw new AssertionError("no " + id);
    }

    @Test
    void modelsJsonListsTheCatalogWithStableFields() throws Exception {
        CliRun run = run("models", "--json");
        assertEquals(0, run.exit(), run.err());
        JsonNode models = run.json();
        assertEquals(11, models.get("models").size());
        Set<String> fields = Set.of("id", "name", "source", "layers", "hiddenSize", "vocabSize", "maxContext",
                "totalParameters", "publishedTotalParameters", "activeParameters", "publishedActiveParameters",
                "weightPrecision", "expertPrecision", "kvPrecision", "weightBytes", "kvBytesPerToken",
                "slidingKvBytesPerSequence", "kvRule", "attention", "moe");
        for (JsonNode m : models.get("models")) {
            assertEquals(new TreeSet<>(fields), fieldNames(m), m.get("id").asText());
        }
        JsonNode oss = model(models, "gpt-oss-120b");
        assertEquals(36_864, oss.get("kvBytesPerToken").asDouble(), 0);
        assertEquals(4_718_592, oss.get("slidingKvBytesPerSequence").asDouble(), 0);
        assertEquals(116.83e9, oss.get("publishedTotalParameters").asDouble(), 0);
        assertEquals(116.83e9, oss.get("totalParameters").asDouble(), 0.001 * 116.83e9);
        assertEquals("mxfp4", oss.get("expertPrecision").asText());
        assertEquals(128, oss.get("moe").get("experts").asInt());
        assertEquals(18, oss.get("attention").get("slidingWindowLayers").asInt());
        // 65 GB: experts at 4.25 bits, attention, router and both embedding tables at 16 bits.
        assertEquals(65.2e9, oss.get("weightBytes").asDouble(), 0.1e9);
        assertTrue(oss.get("kvRule").asText().contains("18 sliding-window layers x min(context, 128)"));
        JsonNode v3 = model(models, "deepseek-v3");
        assertEquals("mla", v3.get("attention").get("kind").asText());
        assertEquals(70_272, v3.get("kvBytesPerToken").asDouble(), 0);
        assertEquals(576, v3.get("attention").get("kvValuesPerLayer").asInt());
        assertTrue(model(models, "llama-3.1-8b").get("moe").isNull());
    }

    @Test
    void modelsTableShowsComputedCountsBesideThePublishedOnes() {
        CliRun run = run("models");
        assertEquals(0, run.exit(), run.err());
        String oss = run.out().lines().filter(l -> l.startsWith("gpt-oss-120b ")).findFirst().orElseThrow();
        assertTrue(oss.contains("116.8B (116.8B)") && oss.contains("5.1B (5.1B)"), oss);
        assertTrue(oss.contains("36.9 KB bf16 + 4.72 MB/seq"), oss);
        String kimi = run.out().lines().filter(l -> l.startsWith("kimi-k2 ")).findFirst().orElseThrow();
        assertTrue(kimi.contains("1.03T (1.04T)") && kimi.contains("MLA 64 heads, latent 512+64"), kimi);
    }

    @Test
    void estimateJsonHasTheDocumentedFieldsAndItsBreakdownAddsUp() throws Exception {
        CliRun run = run("estimate", "--model", "qwen3-235b-a22b", "--hardware", "nvidia-b200", "--batch", "16",
                "--json");
        assertEquals(0, run.exit(), run.err());
        JsonNode e = run.json();
        for (String field : List.of("model", "hardware", "batch", "contextTokens", "promptTokens", "weightPrecision",
                "expertPrecision", "kvPrecision", "stepSeconds", "ttftSeconds", "tokensPerUserPerSecond",
                "tokensPerChipPerSecond", "devices", "fits", "fitProblem", "limitedBy", "placement", "speculation",
                "warnings", "breakdown")) {
            assertTrue(e.has(field), field);
        }
        assertTrue(e.get("fits").asBoolean());
        double sum = 0;
        for (JsonNode line : e.get("breakdown")) {
            for (String field : List.of("bytes", "flops", "seconds", "totalSeconds", "bound", "count")) {
                assertNotNull(line.get(field), field);
            }
            sum += line.get("totalSeconds").asDouble();
        }
        double step = e.get("stepSeconds").asDouble();
        assertEquals(step, sum, 1e-12 * step);
        assertEquals(1 / step, e.get("tokensPerUserPerSecond").asDouble(), 1e-9 / step);
        assertEquals(16 / step / e.get("devices").asInt(), e.get("tokensPerChipPerSecond").asDouble(), 1e-9 / step);
    }

    @Test
    void explainPrintsEveryTermAndTheTotal() {
        CliRun run = run("estimate", "--model", "gpt-oss-120b", "--hardware", "cerebras-cs3", "--explain");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("MoE layers, sliding window"), run.out());
        assertTrue(run.out().contains("experts gate/up") && run.out().lines().anyMatch(l -> l.startsWith("total ")));
    }

    @Test
    void unknownModelAndHardwareSuggestTheNearestNames() {
        run("estimate", "--model", "gpt-oss-120", "--hardware", "nvidia-h200")
                .assertOneLineError(1, "unknown model 'gpt-oss-120'", "did you mean gpt-oss-120b");
        run("estimate", "--model", "llama-3.1-8b", "--hardware", "nvidia-h20")
                .assertOneLineError(1, "unknown hardware 'nvidia-h20'", "did you mean nvidia-h200");
    }

    @ParameterizedTest
    @CsvSource({
        "--batch, 0, 1",
        "--batch, -3, 1",
        "--batch, two, 2",
        "--batch, 1.5, 2",
        "--context, 0, 1",
        "--context, -1, 1",
        "--context, 8k, 2",
    })
    void batchAndContextMustBePositiveWholeNumbers(String option, String value, int exit) {
        run("estimate", "--model", "llama-3.1-8b", "--hardware", "nvidia-h200", option, value)
                .assertOneLineError(exit, option, value);
    }

    @Test
    void aMalformedModelFileNamesTheFileAndTheField() throws Exception {
        String yaml = Files.readString(Path.of(System.getProperty("tokenscale.repo"),
                "plugin-workloads/src/main/resources/models/llama-3.1-8b.yaml"))
                .replace("id: llama-3.1-8b", "id: mine");
        Path negative = dir.resolve("negative.yaml");
        Files.writeString(negative, yaml.replace("layers: 32", "layers: -32"));
        run("estimate", "--model-file", negative.toString(), "--hardware", "nvidia-h200")
                .assertOneLineError(1, negative.toString(), "field 'layers'", "'-32'");
        Path typo = dir.resolve("typo.yaml");
        Files.writeString(typo, yaml.replace("hiddenSize:", "hiddenSise:"));
        run("models", "--model-file", typo.toString()).assertOneLineError(1, typo.toString(), "hiddenSise");
    }

    @Test
    void aContextBeyondTheModelsMaximumIsAWarning() throws Exception {
        CliRun run = run("estimate", "--model", "llama-3.1-8b", "--hardware", "nvidia-b200", "--context", "1000000",
                "--json");
        assertEquals(0, run.exit(), run.err());
        JsonNode warnings = run.json().get("warnings");
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).asText().contains("beyond llama-3.1-8b's declared maximum of 131,072"),
                warnings.toString());
    }

    @Test
    void aHuggingFaceConfigStandsInForModel() throws Exception {
        Path config = dir.resolve("My-GPT-OSS/config.json");
        Files.createDirectories(config.getParent());
        Files.writeString(config, """
                {"architectures": ["GptOssForCausalLM"], "model_type": "gpt_oss", "hidden_size": 2880,
                 "num_hidden_layers": 36, "num_attention_heads": 64, "num_key_value_heads": 8, "head_dim": 64,
                 "intermediate_size": 2880, "num_local_experts": 128, "experts_per_token": 4,
                 "num_experts_per_tok": 4, "sliding_window": 128, "vocab_size": 201088,
                 "max_position_embeddings": 131072, "tie_word_embeddings": false, "torch_dtype": "bfloat16",
                 "quantization_config": {"quant_method": "mxfp4"}}
                """);
        CliRun estimate = run("estimate", "--model-file", config.toString(), "--hardware", "nvidia-b200", "--json");
        assertEquals(0, estimate.exit(), estimate.err());
        assertEquals("my-gpt-oss", estimate.json().get("model").asText());
        CliRun models = run("models", "--model-file", config.toString(), "--json");
        assertEquals(model(models.json(), "gpt-oss-120b").get("totalParameters").asLong(),
                model(models.json(), "my-gpt-oss").get("totalParameters").asLong());

        Path unknown = dir.resolve("phi/config.json");
        Files.createDirectories(unknown.getParent());
        Files.writeString(unknown, "{\"architectures\": [\"Phi3ForCausalLM\"], \"hidden_size\": 3072}");
        run("estimate", "--model-file", unknown.toString(), "--hardware", "nvidia-b200")
                .assertOneLineError(1, unknown.toString(), "'Phi3ForCausalLM' is not supported", "LlamaForCausalLM");
    }

    @Test
    void benchReportsWholeSweepsAndRejectsANonPositiveDuration() throws Exception {
        CliRun run = run("bench", "--seconds", "0.3", "--json");
        assertEquals(0, run.exit(), run.err());
        JsonNode result = run.json();
        long grid = result.get("gridPoints").asLong();
        assertEquals(result.get("models").asLong() * result.get("hardware").asLong() * 16, grid);
        assertEquals(0, result.get("points").asLong() % grid);
        assertTrue(result.get("pointsPerSecond").asDouble() > 0);
        run("bench", "--seconds", "0").assertOneLineError(1, "--seconds");
    }
}
