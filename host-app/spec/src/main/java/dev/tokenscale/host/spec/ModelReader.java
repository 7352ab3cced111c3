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
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** Reads and checks model files (schema: {@code docs/model-spec.md}). */
public final class ModelReader {

    /**
     * Ceilings on a model's shape, far above any published model (the largest have about 130 layers, a width of
     * about 18,000, 384 experts and a vocabulary of about 260,000) and low enough that every count the engines
     * derive from them stays exact.
     */
    public static final int MAX_LAYERS = 10_000;
    /** Widest hidden size, FFN width, head dimension or low-rank projection. */
    public static final int MAX_WIDTH = 1 << 20;
    /** Most attention heads, KV heads or experts. */
    public static final int MAX_HEADS = 1 << 16;
    /** Largest vocabulary. */
    public static final int MAX_VOCAB = 1 << 24;
    /** Longest declared context. */
    public static final int MAX_CONTEXT = 1 << 30;
    /** Most weights a model may have: about 500x the largest published (about 2e12). */
    public static final double MAX_PARAMETERS = 1e15;

    private ModelReader() {
    }

    /** Reads a model file from disk. */
    public static ModelArchitecture read(Path file) throws SpecException {
        return read(BoundedInput.read(file, BoundedInput.SPEC_BYTES), file.toString());
    }

    /**
     * Reads a model from a stream; {@code fileName} names it in errors and picks YAML or JSON. A Hugging Face
     * {@code config.json} is recognised by its keys and mapped onto the same schema.
     */
    public static ModelArchitecture read(InputStream in, String fileName) throws SpecException {
        return read(BoundedInput.read(in, BoundedInput.SPEC_BYTES, fileName), fileName);
    }

    /** Reads a model from a file's bytes; {@code fileName} names it in errors and picks YAML or JSON. */
    public static ModelArchitecture read(byte[] content, String fileName) throws SpecException {
        Optional<JsonNode> config = HuggingFaceConfig.detect(content, fileName);
        ModelFile file = config.isPresent() ? HuggingFaceConfig.toModelFile(config.get(), fileName)
                : SpecMapper.read(content, fileName, ModelFile.class);
        return convert(file, new Fields(fileName));
    }

    static ModelArchitecture convert(ModelFile m, Fields fields) throws SpecException {
        int layers = fields.positive("layers", m.layers(), MAX_LAYERS);
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
        ModelArchitecture model = new ModelArchitecture(fields.id("id", m.id()), fields.required("name", m.name()),
                m.description() == null ? "" : m.description().trim(), fields.required("source", m.source()),
                layers, fields.positive("hiddenSize", m.hiddenSize(), MAX_WIDTH),
                fields.positive("vocabSize", m.vocabSize(), MAX_VOCAB), Boolean.TRUE.equals(m.tiedEmbeddings()),
                fields.positive("maxContext", m.maxContext(), MAX_CONTEXT),
                attention(m.attention(), layers, fields), ffn(m.ffn(), layers, fields),
                new ModelPrecisions(precision("precision.weights", m.precision().weights(), fields),
                        m.precision().experts() == null ? null
                                : precision("precision.experts", m.precision().experts(), fields),
                        precision("precision.kv", m.precision().kv(), fields)),
                published, fields.nonNegative("mtpLayers", m.mtpLayers(), layers));
        double weights = weightBound(model);
        if (weights > MAX_PARAMETERS) {
            throw fields.error("", String.format(Locale.ROOT, "its shape gives up to %.3g weights; expected at most "
                    + "%.0g (check layers, hiddenSize, the FFN widths and the experts)", weights, MAX_PARAMETERS));
        }
        return model;
    }

    /**
     * An upper bound on a model's weights, in floating point so that it cannot overflow: every layer counted with
     * full attention, its dense FFN and all its experts, plus input and output embeddings. The engines' exact counts
     * are below it.
     */
    static double weightBound(ModelArchitecture m) {
        AttentionSpec a = m.attention();
        double h = m.hiddenSize();
        double headDims = a.kind() == AttentionKind.MLA
                ? (double) a.qkNopeHeadDim() + a.qkRopeHeadDim() + a.vHeadDim() : 3.0 * a.headDim();
        double attention = h * a.heads() * headDims + (h + (double) a.heads() * headDims) * a.kvLoraRank()
                + (h + (double) a.heads() * headDims) * a.qLoraRank() + 2 * h * a.kvHeads() * a.headDim();
        MoeSpec moe = m.ffn().moe();
        double ffn = 3 * h * m.ffn().intermediateSize() + (moe == null ? 0
                : ((double) moe.experts() + moe.sharedExperts()) * 3 * h * moe.expertIntermediateSize()
                + h * moe.experts());
        return m.layers() * (attention + ffn) + 2 * h * m.vocabSize();
    }

    private static Precision precision(String path, String written, Fields fields) throws SpecException {
        return fields.enumValue(path, written, Precision.class);
    }

    private static AttentionSpec attention(AttentionFile a, int layers, Fields fields) throws SpecException {
        AttentionKind kind = fields.enumValue("attention.kind", a.kind(), AttentionKind.class);
        int heads = fields.positive("attention.heads", a.heads(), MAX_HEADS);
        int window = fields.nonNegative("attention.slidingWindow", a.slidingWindow(), MAX_CONTEXT);
        int windowLayers = fields.nonNegative("attention.slidingWindowLayers", a.slidingWindowLayers(), MAX_LAYERS);
        if (windowLayers > layers) {
            throw fields.error("attention.slidingWindowLayers", "'" + windowLayers + "': expected at most the "
                    + layers + " layers");
        }
        if ((window == 0) != (windowLayers == 0)) {
            throw fields.error(window == 0 ? "attention.slidingWindow" : "attention.slidingWindowLayers",
                    "missing; slidingWindow and slidingWindowLayers go together");
        }
        if (kind == AttentionKind.GQA) {
            int kvHeads = fields.positive("attention.kvHeads", a.kvHeads(), MAX_HEADS);
            if (heads % kvHeads != 0) {
                throw fields.error("attention.kvHeads", "'" + kvHeads + "': expected a divisor of the " + heads
                        + " heads");
            }
            return new AttentionSpec(kind, heads, kvHeads, fields.positive("attention.headDim", a.headDim(), MAX_WIDTH), window,
                    windowLayers, 0, 0, 0, 0, 0);
        }
        return new AttentionSpec(kind, heads, 0, 0, window, windowLayers,
                fields.nonNegative("attention.qLoraRank", a.qLoraRank(), MAX_WIDTH),
                fields.positive("attention.kvLoraRank", a.kvLoraRank(), MAX_WIDTH),
                fields.positive("attention.qkNopeHeadDim", a.qkNopeHeadDim(), MAX_WIDTH),
                fields.positive("attention.qkRopeHeadDim", a.qkRopeHeadDim(), MAX_WIDTH),
                fields.positive("attention.vHeadDim", a.vHeadDim(), MAX_WIDTH));
    }

    private static FfnSpec ffn(FfnFile f, int layers, Fields fields) throws SpecException {
        boolean gated = f.gated() == null || f.gated();
        int width = fields.nonNegative("ffn.intermediateSize", f.intermediateSize(), MAX_WIDTH);
        MoeFile moe = f.moe();
        if (moe == null) {
            return new FfnSpec(fields.positive("ffn.intermediateSize", f.intermediateSize(), MAX_WIDTH), gated, null);
        }
        int experts = fields.positive("ffn.moe.experts", moe.experts(), MAX_HEADS);
        int topK = fields.positive("ffn.moe.expertsPerToken", moe.expertsPerToken(), MAX_HEADS);
        if (topK > experts) {
            throw fields.error("ffn.moe.expertsPerToken", "'" + topK + "': expected at most the " + experts
                    + " experts");
        }
        int denseLayers = fields.nonNegative("ffn.moe.denseLayers", moe.denseLayers(), MAX_LAYERS);
        if (denseLayers >= layers) {
            throw fields.error("ffn.moe.denseLayers", "'" + denseLayers + "': expected fewer than the " + layers
                    + " layers");
        }
        if (denseLayers > 0 && width == 0) {
            throw fields.error("ffn.intermediateSize", "'0': the " + denseLayers
                    + " dense layers need a dense FFN width above 0");
        }
        return new FfnSpec(width, gated, new MoeSpec(experts, topK,
                fields.nonNegative("ffn.moe.sharedExperts", moe.sharedExperts(), MAX_HEADS),
                fields.positive("ffn.moe.expertIntermediateSize", moe.expertIntermediateSize(), MAX_WIDTH), denseLayers));
    }
}
