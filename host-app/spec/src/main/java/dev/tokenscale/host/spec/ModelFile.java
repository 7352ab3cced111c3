package dev.tokenscale.host.spec;

/**
 * A model file exactly as written (YAML or JSON); {@link ModelReader} checks it and converts it to a
 * {@link dev.tokenscale.api.ModelArchitecture}. The schema is documented in {@code docs/model-spec.md}.
 */
public record ModelFile(String id, String name, String description, String source, Integer layers,
                        Integer hiddenSize, Integer vocabSize, Boolean tiedEmbeddings, Integer maxContext,
                        AttentionFile attention, FfnFile ffn, PrecisionFile precision, PublishedFile published,
                        Integer mtpLayers) {

    /** Attention shape. */
    public record AttentionFile(String kind, Integer heads, Integer kvHeads, Integer headDim, Integer slidingWindow,
                                Integer slidingWindowLayers, Integer qLoraRank, Integer kvLoraRank,
                                Integer qkNopeHeadDim, Integer qkRopeHeadDim, Integer vHeadDim) {
    }

    /** Feed-forward shape. */
    public record FfnFile(Integer intermediateSize, Boolean gated, MoeFile moe) {
    }

    /** Experts. */
    public record MoeFile(Integer experts, Integer expertsPerToken, Integer sharedExperts,
                          Integer expertIntermediateSize, Integer denseLayers) {
    }

    /** Native precisions. */
    public record PrecisionFile(String weights, String experts, String kv) {
    }

    /** Published parameter counts. */
    public record PublishedFile(FigureFile totalParameters, FigureFile activeParameters) {
    }
}
