package dev.tokenscale.host.cli;

import dev.tokenscale.api.ModelArchitecture;
import dev.tokenscale.api.Precision;
import dev.tokenscale.host.engine.Accelerator;
import dev.tokenscale.host.engine.Workload;
import dev.tokenscale.host.runtime.Installed;
import dev.tokenscale.host.runtime.PluginHost;
import dev.tokenscale.host.runtime.PluginReport;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * The model and serving settings that every estimating command shares: model, context, prompt and precisions. The
 * batch is {@link WorkloadOptions}'s, for commands that estimate one batch; {@code compare} and {@code fleet} sweep it.
 */
public class ServingOptions {

    @Option(names = "--model", paramLabel = "ID", description = "Model id (see `tokenscale models`).")
    String model;

    @Option(names = "--context", paramLabel = "L", defaultValue = "8192",
            description = "Cached tokens per sequence (default: ${DEFAULT-VALUE}).")
    long context;

    @Option(names = "--prompt", paramLabel = "P", defaultValue = "1024",
            description = "Prompt tokens, for time to first token (default: ${DEFAULT-VALUE}).")
    long prompt;

    @Option(names = "--weights", paramLabel = "PRECISION",
            description = "Store all weights in this precision: bf16, fp16, fp8, int8, fp4, mxfp4 (default: the "
                    + "model's native precisions).")
    Precision weights;

    @Option(names = "--kv", paramLabel = "PRECISION",
            description = "KV-cache precision: bf16, fp8 (default: the model's).")
    Precision kv;

    /** The model named by --model, or the one model that --model-file provided. */
    ModelArchitecture model(PluginHost host, Installed installed, HostOptions hostOptions) {
        String id = model != null ? model
                : onlyFrom(host, hostOptions.modelFiles, PluginReport.Provides::models, "--model ID or --model-file FILE");
        return Lookup.model(installed, id);
    }

    /** The workload these options describe for a model at a batch size, after checking the numbers. */
    Workload workload(ModelArchitecture m, int batch) {
        if (context < 1) {
            throw new UserException("--context " + context + ": expected a whole number of 1 or more");
        }
        if (prompt < 1) {
            throw new UserException("--prompt " + prompt + ": expected a whole number of 1 or more");
        }
        Workload workload = Workload.of(m, batch, context, prompt);
        if (weights != null) {
            workload = workload.withWeights(weights);
        }
        if (kv != null) {
            workload = workload.withKv(kv);
        }
        return workload;
    }

    /** Advice for a context beyond what the model declares: allowed, since users study such variants. */
    List<String> warnings(ModelArchitecture m) {
        return context > m.maxContext()
                ? List.of(String.format("context %,d is beyond %s's declared maximum of %,d tokens", context,
                m.id(), m.maxContext()))
                : List.of();
    }

    /** The single id that the given files provide, or a usage error naming what is needed. */
    static String onlyFrom(PluginHost host, List<Path> files, Function<PluginReport.Provides, List<String>> ids,
                           String needed) {
        List<String> provided = host.plugins().stream()
                .filter(report -> files.stream().anyMatch(f -> f.toString().equals(report.location())))
                .flatMap(report -> ids.apply(report.provides()).stream()).toList();
        if (provided.size() != 1) {
            throw new UserException("give " + needed);
        }
        return provided.get(0);
    }

    /** The hardware named by id, or the one system that --hardware-file provided. */
    static Accelerator hardware(String id, PluginHost host, Installed installed, HostOptions hostOptions) {
        String resolved = id != null ? id : onlyFrom(host, hostOptions.hardwareFiles,
                PluginReport.Provides::hardware, "--hardware ID or --hardware-file FILE");
        return Lookup.hardware(installed, resolved);
    }
}
