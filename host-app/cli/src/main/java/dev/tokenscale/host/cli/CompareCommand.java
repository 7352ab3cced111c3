package dev.tokenscale.host.cli;

import dev.tokenscale.host.embed.ComparisonResult;
import dev.tokenscale.host.engine.Comparison;
import dev.tokenscale.host.engine.SpeedPremium;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tokenscale compare}: the main job. One model on every installed system (or those named), each swept over
 * batch sizes and placements to its Pareto frontier of tokens per user against tokens per chip per second, with
 * cost and power, and the speed-premium question; as a table, JSON, CSV, an HTML report or a PNG chart.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare one model on every installed hardware system: the frontier of tokens per user per "
                + "second (interactivity) against tokens per chip per second (throughput), cost per million tokens, "
                + "tokens per second per megawatt, and the speed premium (docs/metrics.md defines every metric).",
                "A request is --prompt input tokens and (--context - --prompt) output tokens; decode steps are "
                        + "timed at the full context."})
final class CompareCommand implements Callable<Integer> {

    @Mixin
    ComparisonOptions comparison;

    @Option(names = "--json", description = "Print JSON (docs/cli.md).")
    boolean json;

    @Option(names = "--csv", description = "Print CSV, one row per frontier point.")
    boolean csv;

    @Option(names = "--html", paramLabel = "FILE",
            description = "Also write a self-contained HTML report: charts, cost table, speed premium, assumptions.")
    Path html;

    @Option(names = "--png", paramLabel = "FILE", description = "Also write the frontier chart as a PNG image.")
    Path png;

    @Option(names = "--cost-at", paramLabel = "TOK/S", defaultValue = "50",
            description = "Interactivity at which the table gives $/Mtok (default: ${DEFAULT-VALUE} tokens/s/user).")
    double costAt;

    @Option(names = "--standard", paramLabel = "TOK/S", defaultValue = "40",
            description = "Speed premium: the standard mode's tokens/s/user (default: ${DEFAULT-VALUE}).")
    double standard;

    @Option(names = "--fast", paramLabel = "TOK/S", defaultValue = "100",
            description = "Speed premium: the fast mode's tokens/s/user (default: ${DEFAULT-VALUE}).")
    double fast;

    @Option(names = "--standard-hardware", paramLabel = "ID",
            description = "Speed premium: run the standard mode on this system (default: the cheapest).")
    String standardHardware;

    private final HostLauncher launcher;
    private final Output output;

    @Inject
    CompareCommand(HostLauncher launcher, Output output) {
        this.launcher = launcher;
        this.output = output;
    }

    @Override
    public Integer call() {
        if (json && csv) {
            throw new UserException("--json and --csv both print to standard output; choose one");
        }
        ComparisonResult result;
        try (StartedHost running = launcher.start(comparison.host)) {
            result = running.api().compare(comparison.request(running, costAt, standard, fast, standardHardware));
        }
        write(result.comparison(), result.premium());
        if (json) {
            output.json(result);
        } else if (csv) {
            CompareView.csv(output, result.comparison());
        } else {
            CompareView.print(output, result.comparison(), costAt, result.premium());
        }
        return 0;
    }

    private void write(Comparison result, SpeedPremium premium) {
        try {
            if (html != null) {
                HtmlReport.write(html, result, costAt, premium);
            }
            if (png != null) {
                FrontierChart.png(result, FrontierChart.Measure.PER_CHIP, png);
            }
        } catch (IOException e) {
            throw new UserException("cannot write " + (html != null ? html : png) + ": " + e.getMessage());
        }
    }
}
