package dev.tokenscale.host.cli;

import dev.tokenscale.api.ModelArchitecture;
import dev.tokenscale.host.engine.Accelerator;
import dev.tokenscale.host.engine.Economics;
import dev.tokenscale.host.engine.PlacementSearch;
import dev.tokenscale.host.engine.PlacementSearch.Candidate;
import dev.tokenscale.host.engine.Workload;
import dev.tokenscale.host.runtime.Installed;
import dev.tokenscale.host.runtime.PluginHost;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tokenscale place}: every feasible placement of a model on one kind of hardware, ranked, and why. */
@Command(name = "place", mixinStandardHelpOptions = true,
        description = "List the feasible placements (pipeline stages x tensor parallel x expert parallel, "
                + "micro-batches) of a model on one hardware system, ranked for an objective, with the rejected ones.")
final class PlaceCommand implements Callable<Integer> {

    @Mixin
    HostOptions host;

    @Mixin
    WorkloadOptions workloadOptions;

    @Mixin
    PlacementOptions placementOptions;

    @Option(names = "--hardware", paramLabel = "ID", description = "Hardware id (see `tokenscale hardware`).")
    String hardware;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10",
            description = "Show the best N placements (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--json", description = "Print JSON: {model, hardware, objective, ranked: [...], rejected: [...]}.")
    boolean json;

    private final HostLauncher launcher;
    private final Output output;

    @Inject
    PlaceCommand(HostLauncher launcher, Output output) {
        this.launcher = launcher;
        this.output = output;
    }

    @Override
    public Integer call() {
        if (placementOptions.placement != null) {
            throw new UserException("place searches placements; use estimate --placement to evaluate one");
        }
        ModelArchitecture model;
        Accelerator accelerator;
        PlacementSearch.Result result;
        try (PluginHost running = launcher.start(host)) {
            Installed installed = running.installed();
            model = workloadOptions.model(running, installed, host);
            accelerator = WorkloadOptions.hardware(hardware, running, installed, host);
            Workload workload = workloadOptions.workload(model);
            result = PlacementSearch.search(model, accelerator, workload, placementOptions.objective,
                    placementOptions.constraints(), Economics.DEFAULT);
        }
        List<Candidate> shown = result.ranked().subList(0, Math.min(Math.max(top, 0), result.ranked().size()));
        if (json) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("model", model.id());
            document.put("hardware", accelerator.id());
            document.put("objective", placementOptions.objective.name().toLowerCase(Locale.ROOT));
            document.put("ranked", shown.stream().map(PlaceCommand::row).toList());
            document.put("rejected", result.rejected());
            output.json(document);
            return shown.isEmpty() ? 1 : 0;
        }
        output.line(String.format(Locale.ROOT, "%s on %s · batch %,d · context %,d · objective %s", model.id(),
                accelerator.id(), workloadOptions.batch, workloadOptions.context,
                placementOptions.objective.name().toLowerCase(Locale.ROOT)));
        if (shown.isEmpty()) {
            output.line("no feasible placement: " + result.problem());
            return 1;
        }
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < shown.size(); i++) {
            Candidate c = shown.get(i);
            rows.add(List.of(String.valueOf(i + 1), c.placement().label(), String.valueOf(c.placement().devices()),
                    Units.count(c.tokensPerUser()), Units.count(c.tokensPerChip()), Units.dollars(c.costPerMillion())));
        }
        output.table(List.of("rank", "placement", "devices", "tok/s/user", "tok/s/chip", "$/Mtok"), rows);
        output.line(String.format(Locale.ROOT, "%d feasible, %d rejected; why the first: ./tokenscale estimate "
                        + "--model %s --hardware %s --placement %s --explain", result.ranked().size(),
                result.rejected().size(), model.id(), accelerator.id(), placementArgument(shown.get(0))));
        result.rejected().stream().distinct().limit(5).forEach(reason -> output.line("  rejected: " + reason));
        return 0;
    }

    private static Map<String, Object> row(Candidate c) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("placement", c.placement().label());
        row.put("devices", c.placement().devices());
        row.put("pipelineStages", c.placement().pipelineStages());
        row.put("tensorParallel", c.placement().tensorParallel());
        row.put("expertParallel", c.placement().expertParallel());
        row.put("microBatches", c.placement().microBatches());
        row.put("tokensPerUserPerSecond", c.tokensPerUser());
        row.put("tokensPerChipPerSecond", c.tokensPerChip());
        row.put("costPerMillionTokensUsd", c.costPerMillion());
        return row;
    }

    private static String placementArgument(Candidate c) {
        return String.format(Locale.ROOT, "tp=%d,pp=%d,ep=%d,mb=%d", c.placement().tensorParallel(),
                c.placement().pipelineStages(), c.placement().expertParallel(), c.placement().microBatches());
    }
}
