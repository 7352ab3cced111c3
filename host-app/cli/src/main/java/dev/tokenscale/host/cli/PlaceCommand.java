package dev.tokenscale.host.cli;

import dev.tokenscale.host.embed.PlaceRequest;
import dev.tokenscale.host.embed.PlacementRanking;
import dev.tokenscale.host.embed.PlacementRanking.Ranked;
import dev.tokenscale.host.units.Units;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

    @Option(names = "--top", paramLabel = "N", defaultValue = "" + PlaceRequest.DEFAULT_TOP,
            description = "Show the best N placements (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--json", description = "Print JSON: {model, hardware, objective, feasible, ranked: [...], "
            + "rejected: [...], problem}.")
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
        PlacementRanking result;
        try (StartedHost running = launcher.start(host)) {
            result = running.api().place(new PlaceRequest(workloadOptions.modelId(running.api(), host),
                    WorkloadOptions.hardwareId(workloadOptions.hardware, running.api(), host), workloadOptions.batch,
                    workloadOptions.context, workloadOptions.prompt, workloadOptions.weights, workloadOptions.kv,
                    placementOptions.objective, placementOptions.minInteractivity, placementOptions.maxDevices, top));
        }
        List<Ranked> shown = result.ranked();
        if (json) {
            output.json(result);
            return shown.isEmpty() ? 1 : 0;
        }
        output.line(String.format(Locale.ROOT, "%s on %s · batch %,d · context %,d · objective %s", result.model(),
                result.hardware(), workloadOptions.batch, workloadOptions.context, result.objective()));
        if (shown.isEmpty()) {
            output.line("no feasible placement: " + result.problem());
            return 1;
        }
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < shown.size(); i++) {
            Ranked c = shown.get(i);
            rows.add(List.of(String.valueOf(i + 1), c.placement(), String.valueOf(c.devices()),
                    Units.count(c.tokensPerUserPerSecond()), Units.count(c.tokensPerChipPerSecond()),
                    Units.dollars(c.costPerMillionTokensUsd())));
        }
        output.table(List.of("rank", "placement", "devices", "tok/s/user", "tok/s/chip", "$/Mtok"), rows);
        output.line(String.format(Locale.ROOT, "%d feasible, %d rejected; why the first: ./tokenscale estimate "
                        + "--model %s --hardware %s --placement %s --explain", result.feasible(),
                result.rejected().size(), result.model(), result.hardware(), shown.get(0).layout().label()));
        result.rejected().stream().distinct().limit(5).forEach(reason -> output.line("  rejected: " + reason));
        return 0;
    }
}
