package dev.tokenscale.host.cli;

import dev.tokenscale.host.embed.CompareRequest;
import dev.tokenscale.host.embed.EstimateRequest;
import dev.tokenscale.host.embed.FleetRequest;
import dev.tokenscale.host.runtime.PluginHost;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What {@code compare} and {@code fleet} share: the model, the systems, the serving settings and the economics. */
public final class ComparisonOptions {

    @Mixin
    HostOptions host;

    @Mixin
    ServingOptions serving;

    @Mixin
    EconomicsOptions economics;

    @Option(names = "--hardware", paramLabel = "ID", split = ",",
            description = "Only these hardware ids, comma-separated (default: every installed system).")
    List<String> hardware = new ArrayList<>();

    @Option(names = "--speculative", paramLabel = "DRAFT,LENGTH,ACCEPTANCE", converter = SpeculativeOption.class,
            description = SpeculativeOption.DESCRIPTION + " Every frontier then decodes speculatively.")
    EstimateRequest.Speculative speculative;

    /** The comparison these options ask for, with the speed-premium settings of {@code compare}. */
    CompareRequest request(PluginHost running, Double costAt, Double standard, Double fast, String standardHardware) {
        return new CompareRequest(serving.modelId(running, host), hardware, serving.context, serving.prompt,
                serving.weights, serving.experts, serving.kv, economics.economics(running.installed()), costAt,
                standard, fast, standardHardware, speculative, null, null);
    }

    /** The fleets these options ask for. */
    FleetRequest fleet(PluginHost running, double powerWatts, double atInteractivity) {
        return new FleetRequest(serving.modelId(running, host), powerWatts, atInteractivity, hardware, serving.context,
                serving.prompt, serving.weights, serving.experts, serving.kv, economics.economics(running.installed()),
                speculative);
    }

    /** A progress bar over the systems to sweep. */
    Progress progress(PluginHost running) {
        Progress progress = Progress.onTerminal("sweeping");
        progress.total(hardware.isEmpty() ? running.installed().accelerators().size()
                : (int) hardware.stream().map(String::trim).distinct().count());
        return progress;
    }
}
