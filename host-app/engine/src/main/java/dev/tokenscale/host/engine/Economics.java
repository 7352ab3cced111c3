package dev.tokenscale.host.engine;

import dev.tokenscale.api.AcceleratorSpec;
import java.util.Map;

/**
 * Cost of ownership per hour: capital spread over its life plus energy at the facility's PUE, plus operations.
 * {@code $/hour = capex / (years x 8760) + system power x PUE x $/kWh + capex x opex share / 8760}, per system,
 * divided by the devices it holds. {@code docs/metrics.md} documents every term.
 *
 * @param amortisationYears years over which the capex is spread
 * @param pue               facility power usage effectiveness (total facility power / IT power)
 * @param dollarsPerKwh     electricity price
 * @param opexShareOfCapex  yearly operations (support, space, staff) as a fraction of capex
 * @param capexUsd          capex per system by hardware id, overriding the spec's {@code cost.capex}
 * @param systemWatts       IT power per system by hardware id, overriding the spec's {@code power.system}
 */
public record Economics(double amortisationYears, double pue, double dollarsPerKwh, double opexShareOfCapex,
                        Map<String, Double> capexUsd, Map<String, Double> systemWatts) {

    /**
     * Defaults: 4 years (a common GPU depreciation schedule), PUE 1.3 and $0.08/kWh (a typical US industrial
     * rate), and 5% of capex a year for operations. Every one is an assumption that the user can override.
     */
    public static final Economics DEFAULT = new Economics(4, 1.3, 0.08, 0.05);

    /** Hours in a year of continuous service. */
    public static final double HOURS_PER_YEAR = 8760;

    public Economics {
        if (!(amortisationYears > 0) || !(pue >= 1) || !(dollarsPerKwh >= 0) || !(opexShareOfCapex >= 0)) {
            throw new IllegalArgumentException("amortisation years must be > 0, PUE >= 1, prices >= 0");
        }
        capexUsd = Map.copyOf(capexUsd);
        systemWatts = Map.copyOf(systemWatts);
        if (capexUsd.values().stream().anyMatch(v -> !(v > 0))
                || systemWatts.values().stream().anyMatch(v -> !(v > 0))) {
            throw new IllegalArgumentException("capex and system power overrides must be > 0");
        }
    }

    /** Economics without per-hardware overrides. */
    public Economics(double amortisationYears, double pue, double dollarsPerKwh, double opexShareOfCapex) {
        this(amortisationYears, pue, dollarsPerKwh, opexShareOfCapex, Map.of(), Map.of());
    }

    /** Capex of one system: the override for its id, or the spec's. */
    public double capex(AcceleratorSpec spec) {
        return capexUsd.getOrDefault(spec.id(), spec.cost().capex().value());
    }

    /** IT power of one system in watts (before PUE): the override for its id, or the spec's. */
    public double systemWatts(AcceleratorSpec spec) {
        return systemWatts.getOrDefault(spec.id(), spec.power().system().value());
    }

    /** Dollars per hour of one system. */
    public double dollarsPerSystemHour(AcceleratorSpec spec) {
        double capex = capex(spec);
        double capital = capex / (amortisationYears * HOURS_PER_YEAR);
        double energy = systemWatts(spec) / 1000 * pue * dollarsPerKwh;
        double operations = capex * opexShareOfCapex / HOURS_PER_YEAR;
        return capital + energy + operations;
    }

    /** Dollars per hour of one device: its system's cost shared by the system's devices. */
    public double dollarsPerDeviceHour(AcceleratorSpec spec) {
        return dollarsPerSystemHour(spec) / spec.devicesPerSystem();
    }

    /** Facility watts of one system: its IT power times PUE (what a power budget provisions). */
    public double facilityWattsPerSystem(AcceleratorSpec spec) {
        return systemWatts(spec) * pue;
    }

    /** Facility watts per device: the system's facility power shared by its devices. */
    public double facilityWattsPerDevice(AcceleratorSpec spec) {
        return facilityWattsPerSystem(spec) / spec.devicesPerSystem();
    }

    /** US dollars per million tokens made at {@code tokensPerSecond} by something costing {@code dollarsPerHour}. */
    public static double dollarsPerMillionTokens(double dollarsPerHour, double tokensPerSecond) {
        return dollarsPerHour / (tokensPerSecond * 3600) * 1e6;
    }
}
