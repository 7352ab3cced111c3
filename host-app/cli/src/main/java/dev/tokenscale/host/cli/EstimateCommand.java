package dev.tokenscale.host.cli;

import dev.tokenscale.host.embed.EstimateRequest;
import dev.tokenscale.host.engine.Estimate;
import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tokenscale estimate}: one model on one kind of hardware, placed automatically (or as given), with the
 * step time, time to first token, interactivity, throughput per chip, memory per tier and, with --explain, every
 * term of the step time.
 */
@Command(name = "estimate", mixinStandardHelpOptions = true,
        description = "Estimate one model on one hardware system: step time, TTFT, tokens per user and per chip "
                + "per second, memory per tier; --explain shows every term.")
final class EstimateCommand implements Callable<Integer> {

    @Mixin
    HostOptions host;

    @Mixin
    WorkloadOptions workloadOptions;

    @Mixin
    PlacementOptions placementOptions;

    @Option(names = "--speculative", paramLabel = "DRAFT,LENGTH,ACCEPTANCE",
            description = SpeculativeOption.DESCRIPTION)
    String speculative;

    @Option(names = "--json", description = "Print JSON (fields documented in docs/cli.md).")
    boolean json;

    @Option(names = "--explain", description = "Show every term of the step time: bytes, FLOPs, bound, latency.")
    boolean explain;

    private final HostLauncher launcher;
    private final Output output;

    @Inject
    EstimateCommand(HostLauncher launcher, Output output) {
        this.launcher = launcher;
        this.output = output;
    }

    @Override
    public Integer call() {
        Estimate estimate;
        try (StartedHost running = launcher.start(host)) {
            estimate = running.api().estimate(request(running));
        }
        if (json) {
            output.json(estimate);
        } else {
            EstimateView.print(output, estimate, explain);
        }
        return 0;
    }

    private EstimateRequest request(StartedHost running) {
        return new EstimateRequest(workloadOptions.modelId(running.api(), host),
                WorkloadOptions.hardwareId(workloadOptions.hardware, running.api(), host), workloadOptions.batch,
                workloadOptions.context, workloadOptions.prompt, workloadOptions.weights, workloadOptions.experts,
                workloadOptions.kv, placementOptions.layout(), placementOptions.objective,
                placementOptions.minInteractivity, placementOptions.maxDevices, SpeculativeOption.parse(speculative));
    }
}
