package dev.tokenscale.host.cli;

import dev.tokenscale.api.ModelArchitecture;
import dev.tokenscale.host.engine.Accelerator;
import dev.tokenscale.host.engine.Calibration;
import dev.tokenscale.host.engine.Economics;
import dev.tokenscale.host.engine.Estimate;
import dev.tokenscale.host.engine.Estimator;
import dev.tokenscale.host.engine.Placement;
import dev.tokenscale.host.engine.PlacementSearch;
import dev.tokenscale.host.engine.Placements;
import dev.tokenscale.host.engine.Speculation;
import dev.tokenscale.host.engine.Workload;
import dev.tokenscale.host.runtime.Installed;
import dev.tokenscale.host.runtime.PluginHost;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

    @Option(names = "--hardware", paramLabel = "ID", description = "Hardware id (see `tokenscale hardware`).")
    String hardware;

    @Option(names = "--speculative", paramLabel = "DRAFT,LENGTH,ACCEPTANCE",
            description = "Speculative decoding with this draft model, draft length and per-token acceptance, "
                    + "e.g. llama-3.1-8b,4,0.7.")
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
        try (PluginHost running = launcher.start(host)) {
            estimate = estimate(running, running.installed());
        }
        if (json) {
            output.json(estimate);
        } else {
            EstimateView.print(output, estimate, explain);
        }
        return 0;
    }

    /** The estimate these options ask for, on a running host; {@code serve} answers POST /estimate with it. */
    Estimate estimate(PluginHost running, Installed installed) {
        ModelArchitecture model = workloadOptions.model(running, installed, host);
        Accelerator accelerator = WorkloadOptions.hardware(hardware, running, installed, host);
        Workload workload = workloadOptions.workload(model);
        Speculation speculation = speculation(installed);
        List<String> warnings = new ArrayList<>(workloadOptions.warnings(model));
        Calibration calibration = running.calibration(accelerator.id()).orElse(null);
        return estimate(model, accelerator, workload, speculation, calibration, warnings);
    }

    private Estimate estimate(ModelArchitecture model, Accelerator accelerator, Workload workload,
                              Speculation speculation, Calibration calibration, List<String> warnings) {
        Placement placement;
        if (placementOptions.placement != null) {
            Placements.Built built = placementOptions.fixed(model, accelerator, workload);
            if (built.placement() == null) {
                return Estimator.doesNotFit(model, accelerator, workload, built.problem(), warnings);
            }
            placement = built.placement();
        } else {
            PlacementSearch.Result result = PlacementSearch.search(model, accelerator, workload,
                    placementOptions.objective, placementOptions.constraints(), Economics.DEFAULT);
            if (result.ranked().isEmpty()) {
                return Estimator.doesNotFit(model, accelerator, workload, result.problem(), warnings);
            }
            placement = result.ranked().get(0).placement();
        }
        if (calibration != null && calibration.range() != null) {
            for (String warning : calibration.range().warnings(model, workload, placement.devices())) {
                warnings.add("outside the calibration " + calibration.origin() + ": " + warning);
            }
        }
        return Estimator.estimate(model, accelerator, workload, placement, speculation, warnings);
    }

    private Speculation speculation(Installed installed) {
        if (speculative == null) {
            return null;
        }
        String[] parts = speculative.split(",");
        if (parts.length != 3) {
            throw new UserException("--speculative '" + speculative
                    + "': expected DRAFT,LENGTH,ACCEPTANCE, e.g. llama-3.1-8b,4,0.7");
        }
        ModelArchitecture draft = Lookup.model(installed, parts[0].trim());
        try {
            int length = Integer.parseInt(parts[1].trim());
            double acceptance = Double.parseDouble(parts[2].trim());
            if (length < 1 || acceptance < 0 || acceptance >= 1) {
                throw new NumberFormatException();
            }
            return new Speculation(draft, length, acceptance);
        } catch (NumberFormatException e) {
            throw new UserException(String.format(Locale.ROOT, "--speculative '%s': expected a draft length of 1 or "
                    + "more and an acceptance in [0, 1)", speculative));
        }
    }
}
