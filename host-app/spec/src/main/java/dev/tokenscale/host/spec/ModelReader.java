package dev.tokenscale.host.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenscale.api.AttentionKind;
import dev.tokenscale.api.AttentionSpec;
import dev.tokenscale.api.FfnSpec;
import dev.tokenscale.api.ModelArchitecture;
import dev.tokenscale.api.ModelPrecisions;
import dev.tokenscale.api.MoeSpec;
import dev.tokenscale.api.Precision;
import dev.tokenscale.api.PublishedCounts;
import dev.tokenscale.host.spec.Fields.Range;
import dev.tokenscale.host.spec.ModelFile.AttentionFile;
import dev.tokenscale.host.spec.ModelFile.FfnFile;
import dev.tokenscale.host.spec.ModelFile.MoeFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Reads and checks model files (schema: {@code docs/model-spec.md}). */
public final class ModelReader {

    private ModelReader() {
    }

    /** Reads a model file from disk. */
    public static ModelArchitecture read(Path file) throws SpecException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new SpecException(file.toString(), "", "cannot read: " + e.getMessage());
        }
    }

    /**
     * Reads a model from a stream; {@code fileName} names it in errors and picks YAML or JSON. A Hugging Face
     * {@code config.json} is recognised by its keys and mapped onto the same schema.
     */
    public static ModelArchitecture read(InputStream in, String fileName) throws SpecException {
        byte[] content;
        try {
            content = in.readAllBytes();
        } catch (IOException e) {
            throw new SpecException(fileName, "", "cannot read: " + e.getMessage());
        }
        Optional<JsonNode> config = HuggingFaceConfig.detect(content, fileName);
        ModelFile file = config.isPresent() ? HuggingFaceConfig.toModelFile(config.get(), fileName)
                : SpecMapper.read(new ByteArrayInputStream(content), fileName, ModelFile.class);
        return convert(file, new Fields(fileName));
    }

    static ModelArchitecture convert(ModelFile m, Fields fields) throws SpecException {
        int layers = fields.positive("layers", m.layers());
        if (m.attention() == null) {
            throw fields.error("attention", "missing; expected {kind: gqa|mla, heads: ..., ...}");
        }
        if (m.ffn() == null) {
            throw fields.error("ffn", "missing; expected {intermediateSize: ..., gated: true, moe: {...}}");
        }
        if (m.precision() == null) {
            throw fields.error("precision", "missing; expected {weights: bf16, kv: bf16}");
        }
        PublishedCounts published = m.published() == null ? null : new PublishedCounts(
                fields.figure("published.totalParameters", m.published().totalParameters(), Dimension.NUMBER,
                        Range.POSITIVE),
                fields.figure("published.activeParameters", m.published().activeParameters(), Dimension.NUMBER,
                        Range.POSITIVE));
        return new ModelArchitecture(fields.id("id", m.id()), fields.required("name", m.name()),
                m.description() == null ? "" : m.description().trim(), fields.required("source", m.source()),
                layers, fields.positive("hiddenSize", m.hiddenSize()), fields.positive("vocabSize", m.vocabSize()),
                Boolean.TRUE.equals(m.tiedEmbeddings()), fields.positive("maxContext", m.maxContext()),
                attention(m.attention(), layers, fields), ffn(m.ffn(), layers, fields),
                new ModelPrecisions(precision("precision.weights", m.precision().weights(), fields),
                        m.precision().experts() == null ? null
                                : precision("precision.experts", m.precision().experts(), fields),
                        precision("precision.kv", m.precision().kv(), fields)),
                published, fields.nonNegative("mtpLayers", m.mtpLayers()));
    }

    private static Precision precision(String path, String written, Fields fields) throws SpecException {
        return fields.enumValue(path, written, Precision.class);
    }

    private static AttentionSpec attention(AttentionFile a, int layers, Fields fields) throws SpecException {
        AttentionKind kind = fields.enumValue("attention.kind", a.kind(), AttentionKind.class);
        int heads = fields.positive("attention.heads", a.heads());
        int window = fields.nonNegative("attention.slidingWindow", a.slidingWindow());
        int windowLayers = fields.nonNegative("attention.slidingWindowLayers", a.slidingWindowLayers());
        if (windowLayers > layers) {
            throw fields.error("attention.slidingWindowLayers", "'" + windowLayers + "': expected at most the "
                    + layers + " layers");
        }
        if ((window == 0) != (windowLayers == 0)) {
            throw fields.error(window == 0 ? "attention.slidingWindow" : "attention.slidingWindowLayers",
                    "missing; slidingWindow and slidingWindowLayers go together");
        }
        if (kind == AttentionKind.GQA) {
            int kvHeads = fields.positive("attention.kvHeads", a.kvHeads());
            if (heads % kvHeads != 0) {
                throw fields.error("attention.kvHeads", "'" + kvHeads + "': expected a divisor of the " + heads
                        + " heads");
            }
            return new AttentionSpec(kind, heads, kvHeads, fields.positive("attention.headDim", a.headDim()), window,
                    windowLayers, 0, 0, 0, 0, 0);
        }
        return new AttentionSpec(kind, heads, 0, 0, window, windowLayers,
                fields.nonNegative("attention.qLoraRank", a.qLoraRank()),
                fields.positive("attention.kvLoraRank", a.kvLoraRank()),
                fields.positive("attention.qkNopeHeadDim", a.qkNopeHeadDim()),
                fields.positive("attention.qkRopeHeadDim", a.qkRopeHeadDim()),
                fields.positive("attention.vHeadDim", a.vHeadDim()));
    }

    private static FfnSpec ffn(FfnFile f, int layers, Fields fields) throws SpecException {
        boolean gated = f.gated() == null || f.gated();
        int width = fields.nonNegative("ffn.intermediateSize", f.intermediateSize());
        MoeFile moe = f.moe();
        if (moe == null) {
            return new FfnSpec(fields.positive("ffn.intermediateSize", f.intermediateSize()), gated, null);
        }
        int experts = fields.positive("ffn.moe.experts", moe.experts());
        int topK = fields.positive("ffn.moe.expertsPerToken", moe.expertsPerToken());
        if (topK > experts) {
            throw fields.error("ffn.moe.expertsPerToken", "'" + topK + "': expected at most the " + experts
                    + " experts");
        }
        int denseLayers = fields.nonNegative("ffn.moe.denseLayers", moe.denseLayers());
        if (denseLayers >= layers) {
            throw fields.error("ffn.moe.denseLayers", "'" + denseLayers + "': expected fewer than the " + layers
                    + " layers");
        }
        if (denseLayers > 0 && width == 0) {
            throw fields.error("ffn.intermediateSize", "'0': the " + denseLayers
                    + " dense layers need a dense FFN width above 0");
        }
        return new FfnSpec(width, gated, new MoeSpec(experts, topK,
                fields.nonNegative("ffn.moe.sharedExperts", moe.sharedExperts()),
                fields.positive("ffn.moe.expertIntermediateSize", moe.expertIntermediateSize()), denseLayers));
    }
}
