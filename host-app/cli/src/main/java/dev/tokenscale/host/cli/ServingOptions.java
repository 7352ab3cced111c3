package dev.tokenscale.host.cli;

import dev.tokenscale.host.embed.Plugin;
import dev.tokenscale.host.embed.Tokenscale;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * The model and serving settings that every estimating command shares: model, and the request shape of
 * {@link RequestShapeOptions}. The batch is {@link WorkloadOptions}'s, for commands that estimate one batch;
 * {@code compare} and {@code fleet} sweep it. The request records of the embedding API check the values, so the CLI,
 * the API and HTTP accept exactly the same.
 */
public class ServingOptions extends RequestShapeOptions {

    @Option(names = "--model", paramLabel = "ID", description = "Model id (see `tokenscale models`).")
    String model;

    /** The model named by --model, or the one model that --model-file provided. */
    String modelId(Tokenscale host, HostOptions hostOptions) {
        return model != null ? model
                : onlyFrom(host, hostOptions.modelFiles, Plugin.Provides::models, "--model ID or --model-file FILE");
    }

    /** The hardware named by id, or the one system that --hardware-file provided. */
    static String hardwareId(String id, Tokenscale host, HostOptions hostOptions) {
        return id != null ? id : onlyFrom(host, hostOptions.hardwareFiles, Plugin.Provides::hardware,
                "--hardware ID or --hardware-file FILE");
    }

    /** The single id that the given files provide, or a usage error naming what is needed. */
    private static String onlyFrom(Tokenscale host, List<Path> files, Function<Plugin.Provides, List<String>> ids,
                                   String needed) {
        List<String> provided = host.plugins().stream()
                .filter(report -> files.stream().anyMatch(f -> f.toString().equals(report.location())))
                .flatMap(report -> ids.apply(report.provides()).stream()).toList();
        if (provided.size() != 1) {
            throw new UserException("give " + needed);
        }
        return provided.get(0);
    }
}
