package dev.tokenscale.host.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenscale.api.ModelArchitecture;
import dev.tokenscale.api.Precision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Parameter counts and KV-cache sizes of every catalog model, against published figures and sizes worked by hand. */
class ModelMathTest {

    @Test
    void everyCatalogModelCountsWithinTwoPercentOfItsPublishedTotal() {
        assertEquals(11, Catalog.models().size(), "catalog models: " + Catalog.models().keySet());
        for (ModelArchitecture m : Catalog.models().values()) {
            assertNotNull(m.published(), m.id() + " has no published counts");
            double published = m.published().totalParameters().value();
            double computed = ModelMath.totalParameters(m);
            assertEquals(published, computed, 0.02 * published, m.id() + " total parameters");
        }
    }

    /**
     * Publishers disagree on whether the input embedding is active (gpt-oss counts only the LM head, DeepSeek both
     * tables, Meta and Qwen give the total for dense models). A lookup reads one row, so tokenscale leaves it out;
     * the tolerance is therefore 2% plus one embedding table.
     */
    @Test
    void everyCatalogModelCountsItsActiveParametersWithinTheEmbeddingConvention() {
        for (ModelArchitecture m : Catalog.models().values()) {
            double published = m.published().activeParameters().value();
            double computed = ModelMath.activeParameters(m);
            double tolerance = 0.02 * published + ModelMath.embeddingParameters(m);
            assertEquals(published, computed, tolerance, m.id() + " active parameters");
        }
    }

    @Test
    void gptOssActiveCountFollowsTheModelCardConventionExactly() {
        // Model card Table 1 counts the unembedding but not the embedding: 5.13B and 3.61B to three digits.
        assertEquals(5.13e9, ModelMath.activeParameters(Catalog.model("gpt-oss-120b")), 0.005e9);
        assertEquals(3.61e9, ModelMath.activeParameters(Catalog.model("gpt-oss-20b")), 0.005e9);
    }

    @ParameterizedTest
    @CsvSource({
        "llama-3.1-8b, 131072",
        "llama-3.1-70b, 327680",
        "llama-3.1-405b, 516096",
        "deepseek-v3, 70272",
        "gpt-oss-120b, 36864",
    })
    void kvBytesPerTokenMatchPhysicsSectionFour(String id, long bytes) {
        assertEquals(bytes, ModelMath.kvBytesPerToken(Catalog.model(id), Precision.BF16), 0);
    }

    @Test
    void gptOssSlidingLayersHoldAFixedWindowPerSequence() {
        ModelArchitecture m = Catalog.model("gpt-oss-120b");
        // 18 sliding layers x 128 tokens x 2 x 8 x 64 x 2 B = 4.5 MiB per sequence.
        assertEquals(4.5 * 1024 * 1024, ModelMath.slidingKvBytesPerSequence(m, Precision.BF16), 0);
        for (long context : new long[] {1, 128, 129, 8192, 1_000_000}) {
            double expected = 36_864.0 * context + 18 * Math.min(context, 128) * 2048.0;
            assertEquals(expected, ModelMath.kvBytesPerSequence(m, 0, m.layers(), context, Precision.BF16), 0,
                    "context " + context);
        }
    }

    @Test
    void mlaCachesTheLatentNotHeadsTimesDims() {
        ModelArchitecture m = Catalog.model("deepseek-v3");
        long latent = 512 + 64;
        assertEquals(latent, ModelMath.kvValuesPerTokenPerLayer(m));
        // Un-absorbed K and V would be 128 heads x (192 + 128) values per layer: 71x the latent.
        long headsTimesDims = 128L * ((128 + 64) + 128);
        assertTrue(ModelMath.kvBytesPerToken(m, Precision.BF16) * 70 < 61 * headsTimesDims * 2.0);
        // FP8 latent (vLLM packs 656 B per layer with scales; the bare latent is 576 B).
        assertEquals(61 * latent, ModelMath.kvBytesPerToken(m, Precision.FP8), 0);
    }

    @Test
    void fp8KvHalvesTheCacheOfEveryModel() {
        for (ModelArchitecture m : Catalog.models().values()) {
            assertEquals(ModelMath.kvBytesPerToken(m, Precision.BF16) / 2, ModelMath.kvBytesPerToken(m, Precision.FP8),
                    0, m.id());
            assertEquals(ModelMath.kvBytesPerSequence(m, 0, m.layers(), 100_000, Precision.BF16) / 2,
                    ModelMath.kvBytesPerSequence(m, 0, m.layers(), 100_000, Precision.FP8), 0, m.id());
        }
    }

    @Test
    void slidingLayerCountInClosedFormEqualsTheLayerByLayerRule() {
        for (ModelArchitecture m : Catalog.models().values()) {
            for (int first = 0; first < m.layers(); first++) {
                int counted = 0;
                for (int end = first + 1; end <= m.layers(); end++) {
                    counted += ModelMath.isSlidingLayer(m, end - 1) ? 1 : 0;
                    assertEquals(counted, ModelMath.slidingLayersIn(m, first, end), m.id() + " " + first + ".." + end);
                }
            }
        }
        assertEquals(18, ModelMath.slidingLayersIn(Catalog.model("gpt-oss-120b"), 0, 36));
    }

    @Test
    void expertsTouchedFollowTheUniformRoutingCurve() {
        // One token touches exactly top-k; many tokens approach every expert.
        assertEquals(4, ModelMath.expectedExpertsTouched(128, 4, 1), 1e-12);
        assertEquals(128 * (1 - Math.pow(124.0 / 128, 64)), ModelMath.expectedExpertsTouched(128, 4, 64), 1e-9);
        assertEquals(128, ModelMath.expectedExpertsTouched(128, 4, 10_000), 1e-6);
    }
}
