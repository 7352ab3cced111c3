package dev.tokenscale.host.cli;

import dev.tokenscale.api.ModelArchitecture;
import dev.tokenscale.host.engine.Workload;
import picocli.CommandLine.Option;

/** The model, serving settings and batch that the commands estimating one batch share. */
public final class WorkloadOptions extends ServingOptions {

    @Option(names = "--batch", paramLabel = "B", defaultValue = "1",
            description = "Sequences decoding together (default: ${DEFAULT-VALUE}).")
    int batch;

    /** The workload these options describe for a model, after checking the numbers. */
    Workload workload(ModelArchitecture m) {
        if (batch < 1) {
            throw new UserException("--batch " + batch + ": expected a whole number of 1 or more");
        }
        return workload(m, batch);
    }
}
