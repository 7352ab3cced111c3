package dev.tokenscale.host.cli;

import dev.tokenscale.host.embed.EstimateRequest;
import picocli.CommandLine.Option;

/** The model, hardware, serving settings and batch that the commands estimating one batch share. */
public final class WorkloadOptions extends ServingOptions {

    @Option(names = "--hardware", paramLabel = "ID", description = "Hardware id (see `tokenscale hardware`).")
    String hardware;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "" + EstimateRequest.DEFAULT_BATCH,
            description = "Sequences decoding together (default: ${DEFAULT-VALUE}).")
    int batch;
}
