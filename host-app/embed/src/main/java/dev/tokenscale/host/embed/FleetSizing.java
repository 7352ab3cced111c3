package dev.tokenscale.host.embed;

import dev.tokenscale.host.engine.Comparison;
import dev.tokenscale.host.engine.Economics;
import dev.tokenscale.host.engine.FleetPlan;
import java.util.Comparator;
import java.util.List;

/**
 * Fleets sized for a power budget, as {@code tokenscale fleet --json} and {@code POST /fleet} give them.
 *
 * @param model               model id
 * @param powerWatts          the facility power budget
 * @param targetInteractivity tokens per user per second asked for
 * @param economics           the cost-of-ownership assumptions
 * @param fleets              one plan per system, most tokens first
 */
public record FleetSizing(String model, double powerWatts, double targetInteractivity, Economics economics,
                          List<FleetPlan> fleets) {

    public FleetSizing {
        fleets = List.copyOf(fleets);
    }

    /** A fleet of every compared system for the budget, serving at the interactivity, most tokens first. */
    public static FleetSizing of(Comparison comparison, double powerWatts, double targetInteractivity) {
        return new FleetSizing(comparison.model(), powerWatts, targetInteractivity, comparison.economics(),
                comparison.systems().stream().map(c -> FleetPlan.size(c, powerWatts, targetInteractivity))
                        .sorted(Comparator.comparingDouble(FleetPlan::tokensPerSecond).reversed()).toList());
    }
}
