package dev.tokenscale.host.spec;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenscale.api.ModelArchitecture;
import dev.tokenscale.host.engine.ModelMath;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever shape a model file or a Hugging Face config declares, the reader gives a model whose counts the engines
 * can use exactly (positive, below the documented ceiling of 1e15 weights, active at most total), or one error line
 * (issue 16: 1,000,000,000 layers ran out of memory, 2,147,483,647 took 20 s, fractions were truncated).
 */
class ModelReaderPropertyTest {

    @Provide
    Arbitrary<String> sizes() {
        return Arbitraries.oneOf(Arbitraries.integers().between(-3, 300).map(String::valueOf),
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.of("2147483647", "2147483648", "1000000000", "32.5", "1e9", "0", "-1", "\"64\"", "null",
                        "[]", "{}", "*d0"));
    }

    @Provide
    Arbitrary<String> models() {
        return Combinators.combine(sizes(), sizes(), sizes(), sizes(), sizes(), sizes(), sizes(), sizes())
                .as((layers, hidden, heads, kvHeads, headDim, ffn, experts, topK) -> """
                        id: prop-model
                        name: Prop
                        source: "estimate: a property test"
                        layers: %s
                        hiddenSize: %s
                        vocabSize: 32000
                        maxContext: 8192
                        attention: {kind: gqa, heads: %s, kvHeads: %s, headDim: %s}
                        ffn: {intermediateSize: %s, moe: {experts: %s, expertsPerToken: %s, expertIntermediateSize: 512}}
                        precision: {weights: bf16, kv: bf16}
                        """.formatted(layers, hidden, heads, kvHeads, headDim, ffn, experts, topK));
    }

    @Provide
    Arbitrary<String> configs() {
        return Combinators.combine(sizes(), sizes(), sizes(), sizes(), sizes(), Arbitraries.strings().ofMaxLength(40))
                .as((layers, hidden, heads, kvHeads, ffn, name) -> """
                        {"architectures": ["LlamaForCausalLM"], "_name_or_path": "%s", "num_hidden_layers": %s,
                         "hidden_size": %s, "num_attention_heads": %s, "num_key_value_heads": %s,
                         "intermediate_size": %s, "vocab_size": 128256, "max_position_embeddings": 8192}
                        """.formatted(name.replace("\\", "").replace("\"", ""), layers, hidden, heads, kvHeads, ffn));
    }

    @Property
    void aModelFileIsUsableOrOneErrorLine(@ForAll("models") String yaml) {
        check(yaml, "prop.yaml");
    }

    @Property
    void aHuggingFaceConfigIsUsableOrOneErrorLine(@ForAll("configs") String json) {
        check(json, "prop.json");
    }

    private static void check(String content, String fileName) {
        ModelArchitecture m;
        try {
            m = ModelReader.read(content.getBytes(StandardCharsets.UTF_8), fileName);
        } catch (SpecException e) {
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
            assertTrue(e.getMessage().startsWith(fileName), e.getMessage());
            return;
        }
        long total = ModelMath.totalParameters(m);
        long active = ModelMath.activeParameters(m);
        assertTrue(total > 0 && total <= ModelReader.MAX_PARAMETERS, m.id() + ": " + total + " weights");
        assertTrue(active > 0 && active <= total, m.id() + ": " + active + " active of " + total);
        assertTrue(m.id().matches("[a-z0-9][a-z0-9.-]*"), m.id());
        double kv = ModelMath.kvBytesPerToken(m, m.precision().kv());
        assertTrue(Double.isFinite(kv) && kv > 0, m.id() + ": " + kv + " KV bytes per token");
    }
}
