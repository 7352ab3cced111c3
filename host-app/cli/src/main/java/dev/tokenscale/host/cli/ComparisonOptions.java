package dev.tokenscale.host.cli;

import dev.tokenscale.host.embed.CompareRequest;
import dev.tokenscale.host.embed.FleetRequest;
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

    @Option(names = "--hardware", paramLabel = "ID[,ID...]",
            description = "Only these hardware ids, comma-separated (repeatable; default: every installed system).")
    List<String> hardwareLists = new ArrayList<>();

    /** The ids --hardware names; an empty one ({@code --hardware ,}) is a mistake, not "every system". */
    List<String> hardware() {
        List<String> ids = new ArrayList<>();
        for (String list : hardwareLists) {
            for (String id : list.split(",", -1)) {
                if (id.isBlank()) {
                    throw new UserException("--hardware '" + list + "': expected hardware ids separated by commas, "
                            + "e.g. nvidia-h200,cerebras-cs3");
                }
                ids.add(id.trim());
            }
        }
        return ids;
    }

    @Option(names = "--speculative", paramLabel = "DRAFT,LENGTH,ACCEPTANCE",
            description = SpeculativeOption.DESCRIPTION + " Every frontier then decodes speculatively.")
    String speculative;

    /** The comparison these options ask for, with the speed-premium settings of {@code compare}. */
    CompareRequest request(StartedHost running, Double costAt, Double standard, Double fast, String standardHardware) {
        return new CompareRequest(serving.modelId(running.api(), host), hardware(), serving.context, serving.prompt,
                serving.weights, serving.experts, serving.kv, economics.economics(running.host().installed()), costAt,
                standard, fast, standardHardware, SpeculativeOption.parse(speculative), null, null);
    }

    /** The fleets these options ask for. */
    FleetRequest fleet(StartedHost running, double powerWatts, double atInteractivity) {
        return new FleetRequest(serving.modelId(running.api(), host), powerWatts, atInteractivity, hardware(),
                serving.context, serving.prompt, serving.weights, serving.experts, serving.kv,
                economics.economics(running.host().installed()), SpeculativeOption.parse(speculative));
    }
}
