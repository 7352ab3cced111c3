package dev.tokenscale.host.engine;

import dev.tokenscale.api.AcceleratorSpec;

/**
 * Cost of ownership per hour: capital spread over its life plus energy at the facility's PUE, plus operations.
 * {@code $/hour = capex / (years x 8760) + system power x PUE x $/kWh + opex per year / 8760}, per system, divided
 * by the devices it holds.
 *
 * @param amortisationYears years over which the capex is spread
 * @param pue               facility power usage effectiveness (total facility power / IT power)
 * @param dollarsPerKwh     electricity price
 * @param opexShareOfCapex  yearly operations (support, space, staff) as a fraction of capex
 */
public record Economics(double amortisationYears, double pue, double dollarsPerKwh, double opexShareOfCapex) {

    /**
     * Defaults: 4 years (a common GPU depreciation schedule), PUE 1.3 and $0.08/kWh (a typical US industrial
     * rate), and 5% of capex a year for operations. Every one is an assumption that the user can override.
     */
    public static final Economics DEFAULT = new Economics(4, 1.3, 0.08, 0.05);

    private static final double HOURS_PER_YEAR = 8760;

    public Economics {
        if (!(amortisationYears > 0) || !(pue >= 1) || !(dollarsPerKwh >= 0) || !(opexShareOfCapex >= 0)) {
            throw new IllegalArgumentException("amortisation years must be > 0, PUE >= 1, prices >= 0");
        }
    }

    /** Dollars per hour of one system. */
    public double dollarsPerSystemHour(AcceleratorSpec spec) {
        double capex = spec.cost().capex().value();
        double capital = capex / (amortisationYears * HOURS_PER_YEAR);
        double energy = spec.power().system().value() / 1000 * pue * dollarsPerKwh;
        double operations = capex * opexShareOfCapex / HOURS_PER_YEAR;
        return capital + energy + operations;
    }

    /** Dollars per hour of one device: its system's cost shared by the system's devices. */
    public double dollarsPerDeviceHour(AcceleratorSpec spec) {
        return dollarsPerSystemHour(spec) / spec.devicesPerSystem();
    }

    /** Facility watts per device: the system's power shared by its devices, times PUE. */
    public double facilityWattsPerDevice(AcceleratorSpec spec) {
        return spec.power().system().value() * pue / spec.devicesPerSystem();
    }
}
