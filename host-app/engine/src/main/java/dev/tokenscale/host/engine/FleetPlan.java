package dev.tokenscale.host.engine;

/**
 * A fleet of one kind of hardware sized by a power budget: as many systems as the budget's facility power feeds
 * (system power x PUE each), serving at one operating point of the system's frontier, with what the fleet produces
 * and costs. The operating point is the cheapest frontier point at or above the target interactivity; when the
 * system cannot reach the target, its fastest point, and {@code reachesTarget} is false.
 *
 * @param hardware                hardware id
 * @param powerWatts              the facility power budget
 * @param targetInteractivity     the tokens per user per second asked for
 * @param reachesTarget           whether the operating point gives at least the target
 * @param systems                 systems the budget feeds
 * @param devices                 devices in them
 * @param facilityWatts           facility power the systems draw (at most the budget)
 * @param point                   the operating point, or null when nothing fits
 * @param replicas                deployments of the point's placement the devices hold
 * @param concurrentUsers         replicas x batch: sequences served at once
 * @param tokensPerSecond         output tokens per second of the whole fleet
 * @param capexUsd                capex of all systems
 * @param yearlyCostUsd           cost of ownership per year: amortised capex, energy at PUE and operations
 * @param costPerMillionTokensUsd yearly cost / output tokens per year, per million (idle leftover devices included),
 *                                or null when the fleet produces nothing
 */
public record FleetPlan(String hardware, double powerWatts, double targetInteractivity, boolean reachesTarget,
                        long systems, long devices, double facilityWatts, OperatingPoint point, long replicas,
                        long concurrentUsers, double tokensPerSecond, double capexUsd, double yearlyCostUsd,
                        Double costPerMillionTokensUsd) {

    /** Sizes a fleet of the curve's hardware for a facility power budget and a target interactivity. */
    public static FleetPlan size(Curve curve, double powerWatts, double targetInteractivity) {
        if (!(powerWatts > 0) || !(targetInteractivity > 0)) {
            throw new IllegalArgumentException("the power budget and the target interactivity must be > 0");
        }
        Curve.SystemCost cost = curve.cost();
        double feeds = Math.floor(powerWatts / cost.facilityWattsPerSystem());
        if (!(feeds < Long.MAX_VALUE)) {
            throw new IllegalArgumentException(curve.hardware() + ": " + powerWatts + " W feed more systems than can "
                    + "be counted");
        }
        long systems = (long) feeds;
        OperatingPoint point = curve.cheapestAtLeast(targetInteractivity).or(curve::fastest).orElse(null);
        try {
            long devices = Math.multiplyExact(systems, curve.devicesPerSystem());
            long replicas = point == null ? 0 : devices / point.devices();
            double tokensPerSecond = point == null ? 0
                    : (double) replicas * point.devices() * point.tokensPerChipPerSecond();
            double hourly = systems * cost.dollarsPerSystemHour();
            return new FleetPlan(curve.hardware(), powerWatts, targetInteractivity,
                    point != null && point.tokensPerUserPerSecond() >= targetInteractivity, systems, devices,
                    systems * cost.facilityWattsPerSystem(), point, replicas,
                    point == null ? 0 : Math.multiplyExact(replicas, point.batch()), tokensPerSecond,
                    systems * cost.capexUsd(), hourly * Economics.HOURS_PER_YEAR,
                    tokensPerSecond > 0 ? Economics.dollarsPerMillionTokens(hourly, tokensPerSecond) : null);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(curve.hardware() + ": a fleet of " + systems + " systems has more "
                    + "devices or users than can be counted", e);
        }
    }
}
