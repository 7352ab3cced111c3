package dev.tokenscale.host.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenscale.host.spec.ModelFile.AttentionFile;
import dev.tokenscale.host.spec.ModelFile.FfnFile;
import dev.tokenscale.host.spec.ModelFile.MoeFile;
import dev.tokenscale.host.spec.ModelFile.PrecisionFile;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads a Hugging Face {@code config.json} as published with open models into a {@link ModelFile}, so that it gets
 * the same checks as tokenscale's own schema. Only the architectures listed in {@link Architecture} are read; any
 * other is an error that names it, never a guess. {@code docs/model-spec.md} lists which key feeds which field and
 * the defaults.
 */
final class HuggingFaceConfig {

    /** The architectures read, by their {@code architectures} class name and their {@code model_type}s. */
    enum Architecture {
        LLAMA("LlamaForCausalLM", "llama"),
        QWEN2("Qwen2ForCausalLM", "qwen2"),
        QWEN3("Qwen3ForCausalLM", "qwen3"),
        QWEN3_MOE("Qwen3MoeForCausalLM", "qwen3_moe"),
        MIXTRAL("MixtralForCausalLM", "mixtral"),
        GPT_OSS("GptOssForCausalLM", "gpt_oss"),
        DEEPSEEK_V3("DeepseekV3ForCausalLM", "deepseek_v3", "kimi_k2");

        final String className;
        final String[] modelTypes;

        Architecture(String className, String... modelTypes) {
            this.className = className;
            this.modelTypes = modelTypes;
        }

        static Optional<Architecture> byClassName(String name) {
            return Arrays.stream(values()).filter(a -> a.className.equals(name)).findFirst();
        }

        static Optional<Architecture> byModelType(String type) {
            return Arrays.stream(values()).filter(a -> Arrays.asList(a.modelTypes).contains(type)).findFirst();
        }

        static String supported() {
            return Arrays.stream(values()).map(a -> a.className).collect(Collectors.joining(", "));
        }
    }

    private HuggingFaceConfig() {
    }

    /**
     * The parsed file if it is a JSON object with the {@code architectures} or {@code model_type} key that every
     * Hugging Face config carries and tokenscale's schema does not; empty otherwise (including a syntax error,
     * which the schema reader then reports with its line and column).
     */
    static Optional<JsonNode> detect(byte[] content, String fileName) {
        if (!fileName.toLowerCase(Locale.ROOT).endsWith(".json")) {
            return Optional.empty();
        }
        try {
            JsonNode tree = SpecMapper.mapperFor(fileName).readTree(content);
            return tree != null && tree.isObject() && (tree.has("architectures") || tree.has("model_type"))
                    ? Optional.of(tree) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The model a config describes, in tokenscale's schema. */
    static ModelFile toModelFile(JsonNode config, String fileName) throws SpecException {
        Keys keys = new Keys(config, new Fields(fileName));
        Architecture arch = architecture(keys);
        int layers = keys.positive("num_hidden_layers");
        int hidden = keys.positive("hidden_size");
        int heads = keys.positive("num_attention_heads");
        if (arch != Architecture.DEEPSEEK_V3 && !keys.isSet("head_dim") && hidden % heads != 0) {
            throw keys.fields.error("hidden_size", "'" + hidden + "' is not a multiple of num_attention_heads "
                    + heads + ", so the head dimension is not a whole number; expected a multiple, or set head_dim");
        }
        String name = name(config, fileName, keys);
        int[] window = slidingWindow(arch, keys, layers);
        AttentionFile attention = arch == Architecture.DEEPSEEK_V3
                ? new AttentionFile("mla", heads, null, null, window[0], window[1], keys.rankOrFullRank("q_lora_rank"),
                keys.positive("kv_lora_rank"), keys.positive("qk_nope_head_dim"), keys.positive("qk_rope_head_dim"),
                keys.positive("v_head_dim"))
                : new AttentionFile("gqa", heads, keys.positive("num_key_value_heads", heads),
                keys.positive("head_dim", hidden / heads), window[0], window[1], null, null, null, null, null);
        return new ModelFile(name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]+", "-"), name,
                "from a Hugging Face config.json (" + arch.className + ")", fileName, layers, hidden,
                keys.positive("vocab_size"), keys.bool("tie_word_embeddings"), keys.positive("max_position_embeddings"),
                attention, ffn(arch, keys), precision(keys), null, keys.nonNegative("num_nextn_predict_layers"));
    }

    private static Architecture architecture(Keys keys) throws SpecException {
        JsonNode classes = keys.config.get("architectures");
        if (classes != null && !classes.isNull()) {
            String written = classes.isArray() && classes.size() > 0 ? classes.get(0).asText() : classes.toString();
            return Architecture.byClassName(written).orElseThrow(() -> keys.fields.error("architectures",
                    "'" + SpecMapper.quoted(written) + "' is not supported; expected one of " + Architecture.supported()
                            + " (or describe the model in tokenscale's schema, docs/model-spec.md)"));
        }
        String type = keys.config.path("model_type").asText("");
        return Architecture.byModelType(type).orElseThrow(() -> keys.fields.error("model_type", "'" + SpecMapper.quoted(type)
                + "' is not supported; expected the model_type of one of " + Architecture.supported()
                + " (or describe the model in tokenscale's schema, docs/model-spec.md)"));
    }

    /** The name as the author saved it ({@code _name_or_path}), else the file's folder, else the file name. */
    private static String name(JsonNode config, String fileName, Keys keys) throws SpecException {
        String[] segments = fileName.replace('\\', '/').split("/");
        String file = segments[segments.length - 1];
        String name = config.path("_name_or_path").asText("");
        if (name.isBlank()) {
            boolean generic = file.equalsIgnoreCase("config.json") && segments.length > 1;
            name = generic ? segments[segments.length - 2] : file.replaceFirst("(?i)\\.json$", "");
        }
        String last = name.replaceAll("/+$", "");
        last = last.substring(last.lastIndexOf('/') + 1);
        if (!last.toLowerCase(Locale.ROOT).matches(".*[a-z0-9].*")) {
            throw keys.fields.error("_name_or_path", "missing; cannot name the model from '" + fileName
                    + "': add \"_name_or_path\": \"org/model-name\"");
        }
        if (!last.matches("[A-Za-z0-9._ -]+")) {
            // An id made of the Latin letters left over would not be recognisable: say so rather than guess.
            throw keys.fields.error("_name_or_path", "'" + SpecMapper.quoted(last) + "': cannot make an id from it; "
                    + "expected Latin letters, digits, dots, dashes, underscores and spaces");
        }
        return last.replaceAll("^[^A-Za-z0-9]+", "");
    }

    /** {window, layers using it}: from {@code layer_types} when present, else the architecture's own rule. */
    private static int[] slidingWindow(Architecture arch, Keys keys, int layers) throws SpecException {
        JsonNode types = keys.config.get("layer_types");
        int sliding;
        if (types != null && !types.isNull()) {
            if (!types.isArray() || types.size() != layers) {
                throw keys.fields.error("layer_types", "expected a list of " + layers
                        + " entries, one per layer (num_hidden_layers)");
            }
            sliding = 0;
            for (JsonNode type : types) {
                if (type.asText().equals("sliding_attention")) {
                    sliding++;
                } else if (!type.asText().equals("full_attention")) {
                    throw keys.fields.error("layer_types", "'" + SpecMapper.quoted(type.asText())
                            + "': expected sliding_attention or full_attention");
                }
            }
        } else {
            sliding = switch (arch) {
                // Qwen2/3 use the window from layer max_window_layers on, and only with use_sliding_window.
                case QWEN2, QWEN3, QWEN3_MOE -> keys.bool("use_sliding_window")
                        ? layers - Math.min(layers, keys.nonNegative("max_window_layers")) : 0;
                // Mixtral, like Mistral, uses a window on every layer when sliding_window is set.
                case MIXTRAL -> keys.isSet("sliding_window") ? layers : 0;
                // gpt-oss alternates, starting with a window layer.
                case GPT_OSS -> (layers + 1) / 2;
                case LLAMA, DEEPSEEK_V3 -> 0;
            };
        }
        return sliding == 0 ? new int[] {0, 0} : new int[] {keys.positive("sliding_window"), sliding};
    }

    private static FfnFile ffn(Architecture arch, Keys keys) throws SpecException {
        return switch (arch) {
            case LLAMA, QWEN2, QWEN3 -> new FfnFile(keys.positive("intermediate_size"), true, null);
            case MIXTRAL -> new FfnFile(0, true, new MoeFile(keys.positive("num_local_experts"),
                    keys.positive("num_experts_per_tok"), 0, keys.positive("intermediate_size"), 0));
            case GPT_OSS -> new FfnFile(0, true, new MoeFile(keys.positive("num_local_experts"),
                    keys.config.has("num_experts_per_tok") ? keys.positive("num_experts_per_tok")
                            : keys.positive("experts_per_token"), 0, keys.positive("intermediate_size"), 0));
            case QWEN3_MOE -> {
                if (keys.positive("decoder_sparse_step", 1) != 1) {
                    throw keys.fields.error("decoder_sparse_step", "'" + SpecMapper.quoted(keys.config.get("decoder_sparse_step").toString())
                            + "': only 1 (every layer MoE) is supported");
                }
                JsonNode dense = keys.config.get("mlp_only_layers");
                if (dense != null && !dense.isNull() && !dense.isEmpty()) {
                    throw keys.fields.error("mlp_only_layers", "'" + SpecMapper.quoted(dense.toString()) + "': only [] is supported; tokenscale "
                            + "models dense layers only before the MoE layers");
                }
                yield new FfnFile(0, true, new MoeFile(keys.positive("num_experts"),
                        keys.positive("num_experts_per_tok"), 0, keys.positive("moe_intermediate_size"), 0));
            }
            case DEEPSEEK_V3 -> {
                if (keys.positive("moe_layer_freq", 1) != 1) {
                    throw keys.fields.error("moe_layer_freq", "'" + SpecMapper.quoted(keys.config.get("moe_layer_freq").toString())
                            + "': only 1 (every layer after first_k_dense_replace is MoE) is supported");
                }
                int denseLayers = keys.nonNegative("first_k_dense_replace");
                yield new FfnFile(denseLayers > 0 ? keys.positive("intermediate_size") : 0, true,
                        new MoeFile(keys.positive("n_routed_experts"), keys.positive("num_experts_per_tok"),
                                keys.nonNegative("n_shared_experts"), keys.positive("moe_intermediate_size"),
                                denseLayers));
            }
        };
    }

    /**
     * Weights in {@code torch_dtype} (or {@code dtype}), bf16 when absent; {@code quantization_config} fp8 makes
     * them fp8, mxfp4 makes the routed experts MXFP4. The KV cache is kept in {@code torch_dtype}, as serving
     * engines do by default.
     */
    private static PrecisionFile precision(Keys keys) throws SpecException {
        String dtypeKey = keys.config.has("torch_dtype") ? "torch_dtype" : "dtype";
        String dtype = keys.config.path(dtypeKey).asText("bfloat16");
        String base = switch (dtype) {
            case "bfloat16" -> "bf16";
            case "float16" -> "fp16";
            case "float32" -> "fp32";
            default -> throw keys.fields.error(dtypeKey, "'" + SpecMapper.quoted(dtype) + "': expected bfloat16, float16 or float32");
        };
        JsonNode quantization = keys.config.get("quantization_config");
        if (quantization == null || quantization.isNull()) {
            return new PrecisionFile(base, null, base);
        }
        String method = quantization.path("quant_method").asText("");
        return switch (method) {
            case "fp8" -> new PrecisionFile("fp8", null, base);
            case "mxfp4" -> new PrecisionFile(base, "mxfp4", base);
            default -> throw keys.fields.error("quantization_config.quant_method", "'" + SpecMapper.quoted(method)
                    + "': expected fp8 or mxfp4; for other formats remove quantization_config and pass --weights");
        };
    }

    /** The config's keys, read through {@link Fields}: every error names the file and the key. */
    private static final class Keys {
        final JsonNode config;
        final Fields fields;

        Keys(JsonNode config, Fields fields) {
            this.config = config;
            this.fields = fields;
        }

        boolean isSet(String key) {
            return config.has(key) && !config.get(key).isNull();
        }

        int positive(String key) throws SpecException {
            return fields.positive(key, config.get(key));
        }

        /** The key's whole number above 0, or {@code fallback} when it is absent or null. */
        int positive(String key, int fallback) throws SpecException {
            Long value = fields.whole(key, config.get(key), 1);
            return value == null ? fallback : value.intValue();
        }

        /** The key's whole number of 0 or more; 0 when absent or null. */
        int nonNegative(String key) throws SpecException {
            return fields.nonNegative(key, config.get(key));
        }

        /** A low-rank projection's rank: null means full rank (0); the key must be present. */
        int rankOrFullRank(String key) throws SpecException {
            if (!config.has(key)) {
                throw fields.error(key, "missing; expected a whole number, or null for full rank");
            }
            return nonNegative(key);
        }

        boolean bool(String key) throws SpecException {
            if (!isSet(key)) {
                return false;
            }
            if (!config.get(key).isBoolean()) {
                throw fields.error(key, "'" + SpecMapper.quoted(config.get(key).toString())
                        + "': expected true or false");
            }
            return config.get(key).asBoolean();
        }
    }
}
