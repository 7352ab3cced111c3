package dev.tokenscale.host.engine;

import dev.tokenscale.api.AcceleratorSpec;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One hardware system's side of a comparison: what it costs, and the Pareto frontier of its operating points in
 * (tokens per user per second, tokens per chip per second), sorted by rising interactivity (so falling throughput).
 * Per system, per dollar-hour and per megawatt are the same points in other units: one kind of hardware has one
 * price and one power per device, so its frontier is the same set whichever the unit.
 *
 * @param hardware             hardware id
 * @param name                 display name
 * @param deviceKind           what one device is called ("GPU", "wafer", "chip")
 * @param status               shipping, historical or roadmap, lower case
 * @param devicesPerSystem     devices in the unit that is bought and powered
 * @param cost                 what a system costs and draws under the economics used
 * @param frontier             operating points no other point beats on both axes, by rising interactivity
 * @param maxInteractivity     the frontier's highest tokens per user per second (0 when nothing fits)
 * @param maxThroughputPerChip the frontier's highest tokens per chip per second (0 when nothing fits)
 * @param pointsSwept          operating points evaluated (every batch x every feasible placement)
 * @param largestBatch         the largest batch swept
 * @param limitedByAtBatchOne  what bounds the fastest batch-1 point ({@link Estimate#limitedBy()}), or null
 * @param problem              why nothing fits, or why the system's family failed ({@link #failed}), or null
 */
public record Curve(String hardware, String name, String deviceKind, String status, int devicesPerSystem,
                    SystemCost cost, List<OperatingPoint> frontier, double maxInteractivity,
                    double maxThroughputPerChip, int pointsSwept, int largestBatch, String limitedByAtBatchOne,
                    String problem) {

    public Curve {
        frontier = List.copyOf(frontier);
    }

    /**
     * What one system costs and draws.
     *
     * @param capexUsd               capex per system
     * @param systemWatts            IT power per system
     * @param facilityWattsPerSystem IT power x PUE
     * @param dollarsPerSystemHour   hourly cost of ownership of one system
     * @param dollarsPerDeviceHour   the same per device
     * @param capexSource            where the capex comes from: the spec's source, or "override"
     * @param systemPowerSource      where the system power comes from: the spec's source, or "override"
     */
    public record SystemCost(double capexUsd, double systemWatts, double facilityWattsPerSystem,
                             double dollarsPerSystemHour, double dollarsPerDeviceHour, String capexSource,
                             String systemPowerSource) {

        /** The cost of one system of this spec under these economics. */
        public static SystemCost of(AcceleratorSpec spec, Economics e) {
            return new SystemCost(e.capex(spec), e.systemWatts(spec), e.facilityWattsPerSystem(spec),
                    e.dollarsPerSystemHour(spec), e.dollarsPerDeviceHour(spec),
                    e.capexUsd().containsKey(spec.id()) ? OVERRIDE : spec.cost().capex().source(),
                    e.systemWatts().containsKey(spec.id()) ? OVERRIDE : spec.power().system().source());
        }
    }

    /** The curve of a system from its swept points. */
    public static Curve of(Accelerator a, Economics economics, List<OperatingPoint> frontier, int pointsSwept,
                           int largestBatch, String limitedByAtBatchOne, String problem) {
        AcceleratorSpec spec = a.spec();
        return new Curve(a.id(), spec.name(), spec.deviceKind(), spec.status().name().toLowerCase(Locale.ROOT),
                spec.devicesPerSystem(), SystemCost.of(spec, economics), frontier,
                frontier.stream().mapToDouble(OperatingPoint::tokensPerUserPerSecond).max().orElse(0),
                frontier.stream().mapToDouble(OperatingPoint::tokensPerChipPerSecond).max().orElse(0),
                pointsSwept, largestBatch, limitedByAtBatchOne, problem);
    }

    /** The curve of a system whose family failed (threw, hung or answered nonsense): no points, and why. */
    public static Curve failed(Accelerator a, Economics economics, String problem) {
        return of(a, economics, List.of(), 0, 0, null, FAILED + problem);
    }

    /** How the problem of a system whose family failed begins. */
    public static final String FAILED = "failed: ";

    /** Whether the system's family failed, rather than the model not fitting it. */
    public boolean familyFailed() {
        return problem != null && problem.startsWith(FAILED);
    }

    /** The source of a figure the user overrode. */
    public static final String OVERRIDE = "override (--capex, --system-power or --economics)";

    /** The cheapest point giving at least {@code interactivity} tokens per user per second, if any does. */
    public Optional<OperatingPoint> cheapestAtLeast(double interactivity) {
        return frontier.stream().filter(p -> p.tokensPerUserPerSecond() >= interactivity)
                .min(Comparator.comparingDouble(OperatingPoint::costPerMillionTokensUsd));
    }

    /** The point with the highest interactivity, if anything fits. */
    public Optional<OperatingPoint> fastest() {
        return frontier.isEmpty() ? Optional.empty() : Optional.of(frontier.get(frontier.size() - 1));
    }
}
