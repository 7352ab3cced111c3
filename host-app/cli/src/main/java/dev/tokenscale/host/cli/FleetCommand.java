package dev.tokenscale.host.cli;

import dev.tokenscale.host.embed.FleetRequest;
import dev.tokenscale.host.embed.FleetSizing;
import dev.tokenscale.host.embed.Limit;
import dev.tokenscale.host.engine.Comparison;
import dev.tokenscale.host.engine.FleetPlan;
import dev.tokenscale.host.engine.OperatingPoint;
import dev.tokenscale.host.units.Units;
import dev.tokenscale.host.spec.Dimension;
import dev.tokenscale.host.spec.Quantities;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tokenscale fleet}: for a power budget, how many systems of each kind it feeds, what they produce at an
 * operating point of their frontier, and what they cost.
 */
@Command(name = "fleet", mixinStandardHelpOptions = true,
        description = "Size a fleet of each hardware system for a facility power budget: systems, aggregate output "
                + "tokens per second at an interactivity, capex and yearly cost (docs/metrics.md).")
final class FleetCommand implements Callable<Integer> {

    @Mixin
    ComparisonOptions comparison;

    @Option(names = "--power", paramLabel = "POWER", required = true,
            description = "Facility power budget, PUE included, e.g. 750MW or 2GW.")
    String power;

    @Option(names = "--at-interactivity", paramLabel = "TOK/S", defaultValue = "50",
            description = "Serve at the cheapest frontier point giving at least this many tokens/s/user, or at the "
                    + "fastest point when a system cannot (default: ${DEFAULT-VALUE}).")
    double interactivity;

    @Option(names = "--json", description = "Print JSON (docs/cli.md).")
    boolean json;

    private final HostLauncher launcher;
    private final Output output;

    @Inject
    FleetCommand(HostLauncher launcher, Output output) {
        this.launcher = launcher;
        this.output = output;
    }

    @Override
    public Integer call() {
        double watts = watts();
        Comparison result;
        FleetRequest request;
        try (StartedHost running = launcher.start(comparison.host)) {
            request = comparison.fleet(running, watts, interactivity);
            result = running.api().compare(request.comparison()).comparison();
        }
        FleetSizing sizing = FleetSizing.of(result, request.powerWatts(), request.atInteractivity());
        if (json) {
            output.json(sizing);
            return 0;
        }
        output.line(String.format(Locale.ROOT, "%s · fleets of %s facility power · at >= %s tok/s/user",
                CompareView.headline(result), Units.si(watts, "W"), Units.count(interactivity)));
        output.line("economics: " + CompareView.economics(result.economics()));
        result.warnings().forEach(w -> output.line("warning: " + w));
        output.line("");
        List<List<String>> rows = new ArrayList<>();
        for (FleetPlan plan : sizing.fleets()) {
            OperatingPoint p = plan.point();
            String where = p == null ? "does not fit"
                    : String.format(Locale.ROOT, "batch %d on %s (%s)%s", p.batch(), p.label(),
                    CompareView.devices(p.devices(), kind(result, plan.hardware())),
                    plan.reachesTarget() ? "" : ", best reachable, below the target");
            rows.add(List.of(plan.hardware(), Units.count(plan.systems()), Units.count(plan.devices()), where,
                    p == null ? "-" : Units.count(p.tokensPerUserPerSecond()), Units.count(plan.concurrentUsers()),
                    Units.si(plan.tokensPerSecond(), "tok/s"), Units.bigDollars(plan.capexUsd()),
                    Units.bigDollars(plan.yearlyCostUsd()),
                    plan.costPerMillionTokensUsd() == null ? "-" : Units.dollars(plan.costPerMillionTokensUsd())));
        }
        output.table(List.of("hardware", "systems", "devices", "operating point", "tok/s/user", "users",
                "fleet output", "capex", "cost/year", "$/Mtok"), rows);
        output.line("");
        output.line("systems = floor(power / (system power x PUE)); cost/year = capex / amortisation years + energy "
                + "+ opex (docs/metrics.md)");
        return 0;
    }

    private double watts() {
        double watts;
        try {
            watts = Quantities.parse(power, Dimension.POWER);
        } catch (IllegalArgumentException e) {
            throw new UserException("--power " + power + ": " + e.getMessage());
        }
        if (!Limit.POWER_WATTS.accepts(watts)) {
            throw new UserException("--power " + power + ": expected a power above 0 W, up to "
                    + Units.si(Limit.POWER_WATTS.max(), "W") + ", e.g. 750MW");
        }
        return watts;
    }

    private static String kind(Comparison c, String hardware) {
        return c.systems().stream().filter(s -> s.hardware().equals(hardware)).findFirst().orElseThrow().deviceKind();
    }
}
