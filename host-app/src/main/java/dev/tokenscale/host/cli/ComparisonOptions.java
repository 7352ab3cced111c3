package dev.tokenscale.host.cli;

import dev.tokenscale.api.ModelArchitecture;
import dev.tokenscale.host.engine.Accelerator;
import dev.tokenscale.host.engine.Comparison;
import dev.tokenscale.host.engine.Workload;
import dev.tokenscale.host.runtime.Installed;
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

    /** Starts a host, sweeps every chosen system and closes the host. */
    Comparison run(HostLauncher launcher) {
        try (PluginHost running = launcher.start(host);
             Progress progress = Progress.onTerminal("sweeping")) {
            Installed installed = running.installed();
            ModelArchitecture model = serving.model(running, installed, host);
            List<Accelerator> chosen = hardware.isEmpty() ? installed.accelerators()
                    : hardware.stream().map(String::trim).distinct().map(id -> Lookup.hardware(installed, id)).toList();
            if (chosen.isEmpty()) {
                throw new UserException("no hardware is installed; see ./tokenscale plugins");
            }
            Workload workload = serving.workload(model, 1);
            if (workload.contextTokens() <= workload.promptTokens()) {
                throw new UserException(String.format("--context %d must exceed --prompt %d: a request's context is "
                        + "its prompt plus its output", workload.contextTokens(), workload.promptTokens()));
            }
            progress.total(chosen.size());
            return Comparison.of(model, chosen, workload, economics.economics(installed), serving.warnings(model),
                    curve -> progress.step());
        }
    }

    /** Rejects an interactivity option that is not a positive number of tokens per user per second. */
    static void checkInteractivity(String option, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new UserException(option + " " + value + ": expected tokens per user per second, more than 0");
        }
    }
}
