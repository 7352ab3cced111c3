package dev.tokenscale.host.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenscale.api.ModelArchitecture;
import dev.tokenscale.api.Precision;
import dev.tokenscale.host.engine.Catalog;
import dev.tokenscale.host.engine.ModelMath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hugging Face config.json files, written here with the values their publishers ship (the catalog YAMLs cite
 * them), read through {@link ModelReader}: each must give the same shape, hence the same counts, as the catalog.
 */
class HuggingFaceConfigTest {

    @TempDir
    Path dir;

    private Path write(String folder, String json) throws IOException {
        Path file = dir.resolve(folder).resolve("config.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, json);
        return file;
    }

    private ModelArchitecture read(String folder, String json) throws Exception {
        return ModelReader.read(write(folder, json));
    }

    /** The same parameter counts, KV cache and precisions as the catalog model. */
    private static void assertSameShape(String catalogId, ModelArchitecture read) {
        ModelArchitecture catalog = Catalog.model(catalogId);
        assertEquals(ModelMath.totalParameters(catalog), ModelMath.totalParameters(read), catalogId + " total");
        assertEquals(ModelMath.activeParameters(catalog), ModelMath.activeParameters(read), catalogId + " active");
        for (Precision kv : new Precision[] {Precision.BF16, Precision.FP8}) {
            assertEquals(ModelMath.kvBytesPerToken(catalog, kv), ModelMath.kvBytesPerToken(read, kv), catalogId);
            assertEquals(ModelMath.slidingKvBytesPerSequence(catalog, kv),
                    ModelMath.slidingKvBytesPerSequence(read, kv), catalogId);
        }
        assertEquals(catalog.attention(), read.attention(), catalogId + " attention");
        assertEquals(catalog.ffn(), read.ffn(), catalogId + " ffn");
        assertEquals(catalog.precision(), read.precision(), catalogId + " precisions");
        assertEquals(catalog.tiedEmbeddings(), read.tiedEmbeddings(), catalogId + " tied embeddings");
        assertNull(read.published());
    }

    private static String llama(int hidden, int layers, int heads, int intermediate) {
        return """
                {
                  "architectures": ["LlamaForCausalLM"],
                  "attention_bias": false,
                  "bos_token_id": 128000,
                  "eos_token_id": 128001,
                  "hidden_act": "silu",
                  "hidden_size": %d,
                  "initializer_range": 0.02,
                  "intermediate_size": %d,
                  "max_position_embeddings": 131072,
                  "mlp_bias": false,
                  "model_type": "llama",
                  "num_attention_heads": %d,
                  "num_hidden_layers": %d,
                  "num_key_value_heads": 8,
                  "pretraining_tp": 1,
                  "rms_norm_eps": 1e-05,
                  "rope_scaling": {"factor": 8.0, "low_freq_factor": 1.0, "high_freq_factor": 4.0,
                                   "original_max_position_embeddings": 8192, "rope_type": "llama3"},
                  "rope_theta": 500000.0,
                  "tie_word_embeddings": false,
                  "torch_dtype": "bfloat16",
                  "transformers_version": "4.43.0.dev0",
                  "use_cache": true,
                  "vocab_size": 128256
                }
                """.formatted(hidden, intermediate, heads, layers);
    }

    @Test
    void llamaConfigsGiveTheCatalogShapes() throws Exception {
        ModelArchitecture l8 = read("Llama-3.1-8B", llama(4096, 32, 32, 14336));
        assertSameShape("llama-3.1-8b", l8);
        assertEquals("llama-3.1-8b", l8.id());
        assertEquals("Llama-3.1-8B", l8.name());
        assertEquals(131_072, l8.maxContext());
        assertSameShape("llama-3.1-70b", read("Llama-3.1-70B", llama(8192, 80, 64, 28672)));
        assertSameShape("llama-3.1-405b", read("Llama-3.1-405B", llama(16384, 126, 128, 53248)));
    }

    @Test
    void qwen3DenseUsesItsExplicitHeadDimAndIgnoresAnUnusedWindow() throws Exception {
        assertSameShape("qwen3-32b", read("Qwen3-32B", """
                {
                  "architectures": ["Qwen3ForCausalLM"],
                  "attention_bias": false,
                  "attention_dropout": 0.0,
                  "bos_token_id": 151643,
                  "eos_token_id": 151645,
                  "head_dim": 128,
                  "hidden_act": "silu",
                  "hidden_size": 5120,
                  "initializer_range": 0.02,
                  "intermediate_size": 25600,
                  "max_position_embeddings": 40960,
                  "max_window_layers": 64,
                  "model_type": "qwen3",
                  "num_attention_heads": 64,
                  "num_hidden_layers": 64,
                  "num_key_value_heads": 8,
                  "rms_norm_eps": 1e-06,
                  "rope_scaling": null,
                  "rope_theta": 1000000,
                  "sliding_window": null,
                  "tie_word_embeddings": false,
                  "torch_dtype": "bfloat16",
                  "transformers_version": "4.51.0",
                  "use_cache": true,
                  "use_sliding_window": false,
                  "vocab_size": 151936
                }
                """));
    }

    private static final String QWEN3_MOE = """
            {
              "architectures": ["Qwen3MoeForCausalLM"],
              "attention_bias": false,
              "attention_dropout": 0.0,
              "bos_token_id": 151643,
              "decoder_sparse_step": 1,
              "eos_token_id": 151645,
              "head_dim": 128,
              "hidden_act": "silu",
              "hidden_size": 4096,
              "initializer_range": 0.02,
              "intermediate_size": 12288,
              "max_position_embeddings": 40960,
              "max_window_layers": 94,
              "mlp_only_layers": [],
              "model_type": "qwen3_moe",
              "moe_intermediate_size": 1536,
              "norm_topk_prob": true,
              "num_attention_heads": 64,
              "num_experts": 128,
              "num_experts_per_tok": 8,
              "num_hidden_layers": 94,
              "num_key_value_heads": 4,
              "output_router_logits": false,
              "rms_norm_eps": 1e-06,
              "rope_scaling": null,
              "rope_theta": 1000000.0,
              "router_aux_loss_coef": 0.001,
              "sliding_window": null,
              "tie_word_embeddings": false,
              "torch_dtype": "bfloat16",
              "transformers_version": "4.51.0",
              "use_cache": true,
              "use_sliding_window": false,
              "vocab_size": 151936
            }
            """;

    @Test
    void qwen3MoeReadsItsExpertsAndIgnoresTheUnusedDenseWidth() throws Exception {
        assertSameShape("qwen3-235b-a22b", read("Qwen3-235B-A22B", QWEN3_MOE));
    }

    private static String gptOss(int layers, int experts) {
        String types = IntStream.range(0, layers)
                .mapToObj(i -> i % 2 == 0 ? "\"sliding_attention\"" : "\"full_attention\"")
                .collect(Collectors.joining(", "));
        return """
                {
                  "architectures": ["GptOssForCausalLM"],
                  "attention_bias": true,
                  "attention_dropout": 0.0,
                  "eos_token_id": 200002,
                  "experts_per_token": 4,
                  "head_dim": 64,
                  "hidden_act": "silu",
                  "hidden_size": 2880,
                  "initial_context_length": 4096,
                  "initializer_range": 0.02,
                  "intermediate_size": 2880,
                  "layer_types": [%s],
                  "max_position_embeddings": 131072,
                  "model_type": "gpt_oss",
                  "num_attention_heads": 64,
                  "num_experts_per_tok": 4,
                  "num_hidden_layers": %d,
                  "num_key_value_heads": 8,
                  "num_local_experts": %d,
                  "output_router_logits": false,
                  "pad_token_id": 199999,
                  "quantization_config": {
                    "modules_to_not_convert": ["model.layers.*.self_attn", "model.layers.*.mlp.router",
                                               "model.embed_tokens", "lm_head"],
                    "quant_method": "mxfp4"
                  },
                  "rms_norm_eps": 1e-05,
                  "rope_scaling": {"beta_fast": 32.0, "beta_slow": 1.0, "factor": 32.0,
                                   "original_max_position_embeddings": 4096, "rope_type": "yarn", "truncate": false},
                  "rope_theta": 150000,
                  "router_aux_loss_coef": 0.9,
                  "sliding_window": 128,
                  "swiglu_limit": 7.0,
                  "tie_word_embeddings": false,
                  "transformers_version": "4.55.0.dev0",
                  "use_cache": true,
                  "vocab_size": 201088
                }
                """.formatted(types, layers, experts);
    }

    @Test
    void gptOssReadsLayerTypesTheWindowAndMxfp4Experts() throws Exception {
        ModelArchitecture big = read("gpt-oss-120b", gptOss(36, 128));
        assertSameShape("gpt-oss-120b", big);
        assertEquals(18, big.attention().slidingWindowLayers());
        assertEquals(Precision.MXFP4, big.precision().experts());
        assertSameShape("gpt-oss-20b", read("gpt-oss-20b", gptOss(24, 32)));
    }

    @Test
    void gptOssWithoutLayerTypesAlternatesLikeTransformersDoes() throws Exception {
        String json = gptOss(36, 128).replaceFirst("\"layer_types\": \\[[^]]*],", "");
        assertSameShape("gpt-oss-120b", read("gpt-oss-120b", json));
    }

    private static String deepseek(String modelType, int heads, int experts, int dense, int vocab, int mtp) {
        return """
                {
                  "architectures": ["DeepseekV3ForCausalLM"],
                  "attention_bias": false,
                  "attention_dropout": 0.0,
                  "aux_loss_alpha": 0.001,
                  "bos_token_id": 0,
                  "eos_token_id": 1,
                  "ep_size": 1,
                  "first_k_dense_replace": %d,
                  "hidden_act": "silu",
                  "hidden_size": 7168,
                  "initializer_range": 0.02,
                  "intermediate_size": 18432,
                  "kv_lora_rank": 512,
                  "max_position_embeddings": 163840,
                  "model_type": "%s",
                  "moe_intermediate_size": 2048,
                  "moe_layer_freq": 1,
                  "n_group": 8,
                  "n_routed_experts": %d,
                  "n_shared_experts": 1,
                  "norm_topk_prob": true,
                  "num_attention_heads": %d,
                  "num_experts_per_tok": 8,
                  "num_hidden_layers": 61,
                  "num_key_value_heads": %d,
                  "num_nextn_predict_layers": %d,
                  "q_lora_rank": 1536,
                  "qk_nope_head_dim": 128,
                  "qk_rope_head_dim": 64,
                  "quantization_config": {"activation_scheme": "dynamic", "fmt": "e4m3", "quant_method": "fp8",
                                          "weight_block_size": [128, 128]},
                  "rms_norm_eps": 1e-06,
                  "rope_scaling": {"beta_fast": 32, "beta_slow": 1, "factor": 40, "mscale": 1.0, "mscale_all_dim": 1.0,
                                   "original_max_position_embeddings": 4096, "type": "yarn"},
                  "rope_theta": 10000,
                  "routed_scaling_factor": 2.5,
                  "scoring_func": "sigmoid",
                  "tie_word_embeddings": false,
                  "topk_group": 4,
                  "topk_method": "noaux_tc",
                  "torch_dtype": "bfloat16",
                  "transformers_version": "4.33.1",
                  "use_cache": true,
                  "v_head_dim": 128,
                  "vocab_size": %d
                }
                """.formatted(dense, modelType, experts, heads, heads, mtp, vocab);
    }

    @Test
    void deepseekV3AndKimiK2ReadMlaRanksDenseLayersAndSharedExperts() throws Exception {
        ModelArchitecture v3 = read("DeepSeek-V3", deepseek("deepseek_v3", 128, 256, 3, 129280, 1));
        assertSameShape("deepseek-v3", v3);
        assertEquals(Precision.FP8, v3.precision().weights());
        assertEquals(Precision.BF16, v3.precision().kv());
        assertSameShape("kimi-k2", read("Kimi-K2-Instruct", deepseek("kimi_k2", 64, 384, 1, 163840, 0)));
    }

    @Test
    void mixtralCountsWithinTwoPercentOfItsPublishedSize() throws Exception {
        ModelArchitecture m = read("Mixtral-8x7B-v0.1", """
                {
                  "architectures": ["MixtralForCausalLM"],
                  "attention_dropout": 0.0,
                  "bos_token_id": 1,
                  "eos_token_id": 2,
                  "hidden_act": "silu",
                  "hidden_size": 4096,
                  "initializer_range": 0.02,
                  "intermediate_size": 14336,
                  "max_position_embeddings": 32768,
                  "model_type": "mixtral",
                  "num_attention_heads": 32,
                  "num_experts_per_tok": 2,
                  "num_hidden_layers": 32,
                  "num_key_value_heads": 8,
                  "num_local_experts": 8,
                  "output_router_logits": false,
                  "rms_norm_eps": 1e-05,
                  "rope_theta": 1000000.0,
                  "router_aux_loss_coef": 0.02,
                  "sliding_window": null,
                  "tie_word_embeddings": false,
                  "torch_dtype": "bfloat16",
                  "transformers_version": "4.36.0.dev0",
                  "use_cache": true,
                  "vocab_size": 32000
                }
                """);
        // mistral.ai/news/mixtral-of-experts: 46.7B total, 12.9B used per token (both embedding tables counted).
        assertEquals(46.7e9, ModelMath.totalParameters(m), 0.02 * 46.7e9);
        assertEquals(12.9e9, ModelMath.activeParameters(m) + ModelMath.embeddingParameters(m), 0.02 * 12.9e9);
        assertEquals(0, m.attention().slidingWindowLayers());
        assertEquals("mixtral-8x7b-v0.1", m.id());
    }

    @Test
    void theNameComesFromNameOrPathWhenTheAuthorSavedIt() throws Exception {
        String json = llama(4096, 32, 32, 14336)
                .replaceFirst("\\{", "{ \"_name_or_path\": \"meta-llama/Meta-Llama-3.1-8B\",");
        ModelArchitecture m = read("snapshot-3f1c", json);
        assertEquals("meta-llama-3.1-8b", m.id());
        assertEquals("Meta-Llama-3.1-8B", m.name());
    }

    @Test
    void aConfigNotNamedConfigJsonIsNamedByItsFile() throws Exception {
        Path file = dir.resolve("my_llama.json");
        Files.writeString(file, llama(4096, 32, 32, 14336));
        assertEquals("my-llama", ModelReader.read(file).id());
    }

    /** A config the reader rejects: one line that starts with the file and the field. */
    private SpecException rejected(String folder, String json) throws IOException {
        Path file = write(folder, json);
        SpecException e = assertThrows(SpecException.class, () -> ModelReader.read(file));
        assertEquals(file.toString(), e.file());
        assertTrue(e.getMessage().startsWith(file + ": field '" + e.field() + "': "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e;
    }

    @Test
    void anUnknownArchitectureIsAnErrorNamingItAndTheSupportedOnes() throws Exception {
        SpecException e = rejected("llama-4",
                llama(4096, 32, 32, 14336).replace("LlamaForCausalLM", "Llama4ForCausalLM"));
        assertEquals("architectures", e.field());
        assertTrue(e.getMessage().contains("'Llama4ForCausalLM' is not supported"), e.getMessage());
        for (String supported : new String[] {"LlamaForCausalLM", "Qwen2ForCausalLM", "Qwen3ForCausalLM",
                "Qwen3MoeForCausalLM", "MixtralForCausalLM", "GptOssForCausalLM", "DeepseekV3ForCausalLM"}) {
            assertTrue(e.getMessage().contains(supported), e.getMessage());
        }
    }

    @Test
    void anUnknownModelTypeWithoutArchitecturesIsAnError() throws Exception {
        SpecException e = rejected("phi", "{\"model_type\": \"phi3\", \"hidden_size\": 3072}");
        assertEquals("model_type", e.field());
        assertTrue(e.getMessage().contains("'phi3' is not supported"), e.getMessage());
    }

    @Test
    void aMissingOrMalformedKeyNamesTheKey() throws Exception {
        SpecException missing = rejected("no-heads",
                llama(4096, 32, 32, 14336).replace("\"num_attention_heads\": 32,", ""));
        assertEquals("num_attention_heads", missing.field());
        assertTrue(missing.getMessage().contains("missing"), missing.getMessage());
        assertEquals("num_hidden_layers", rejected("text-layers", llama(4096, 32, 32, 14336)
                .replace("\"num_hidden_layers\": 32", "\"num_hidden_layers\": \"32\"")).field());
        assertEquals("layer_types", rejected("short-types", gptOss(36, 128)
                .replace("\"sliding_attention\", \"full_attention\"]", "\"sliding_attention\"]")).field());
    }

    @Test
    void unsupportedShapesAndFormatsAreErrorsNotGuesses() throws Exception {
        assertEquals("mlp_only_layers", rejected("qwen-dense-layers",
                QWEN3_MOE.replace("\"mlp_only_layers\": []", "\"mlp_only_layers\": [0, 93]")).field());
        SpecException gptq = rejected("gptq", llama(4096, 32, 32, 14336).replace("\"torch_dtype\": \"bfloat16\",",
                "\"torch_dtype\": \"float16\", \"quantization_config\": {\"quant_method\": \"gptq\", \"bits\": 4},"));
        assertEquals("quantization_config.quant_method", gptq.field());
        assertTrue(gptq.getMessage().contains("'gptq'"), gptq.getMessage());
    }

    @Test
    void float16WeightsKeepTheirKvInFloat16() throws Exception {
        ModelArchitecture m = read("fp16-llama", llama(4096, 32, 32, 14336).replace("bfloat16", "float16"));
        assertEquals(Precision.FP16, m.precision().weights());
        assertEquals(Precision.FP16, m.precision().kv());
    }
}
