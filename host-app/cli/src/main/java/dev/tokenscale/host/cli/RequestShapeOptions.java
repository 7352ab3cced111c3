package dev.tokenscale.host.cli;

import dev.tokenscale.api.Precision;
import dev.tokenscale.host.embed.EstimateRequest;
import picocli.CommandLine.Option;

/** What a request looks like, whatever the model: context, prompt and the precisions weights and KV are kept in. */
public class RequestShapeOptions {

    @Option(names = "--context", paramLabel = "L", defaultValue = "" + EstimateRequest.DEFAULT_CONTEXT,
            description = "Cached tokens per sequence (default: ${DEFAULT-VALUE}).")
    long context;

    @Option(names = "--prompt", paramLabel = "P", defaultValue = "" + EstimateRequest.DEFAULT_PROMPT,
            description = "Prompt tokens, for time to first token (default: ${DEFAULT-VALUE}).")
    long prompt;

    @Option(names = "--weights", paramLabel = "PRECISION",
            description = "Store all weights in this precision: bf16, fp16, fp8, int8, fp4, mxfp4 (default: the "
                    + "model's native precisions).")
    Precision weights;

    @Option(names = "--kv", paramLabel = "PRECISION",
            description = "KV-cache precision: bf16, fp8 (default: the model's).")
    Precision kv;
}
