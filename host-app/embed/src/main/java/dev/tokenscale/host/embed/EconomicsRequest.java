package dev.tokenscale.host.embed;

import dev.tokenscale.host.engine.Economics;
import java.util.Map;

/**
 * The cost-of-ownership assumptions of a comparison ({@code docs/metrics.md}), with the field names of the
 * {@link Economics} that answers echo; a {@code null} field takes {@link Economics#DEFAULT}'s value.
 *
 * @param amortisationYears years over which capex is spread, above 0 (default 4)
 * @param pue               facility power / IT power, 1 or more (default 1.3)
 * @param dollarsPerKwh     electricity price, 0 or more (default 0.08)
 * @param opexShareOfCapex  yearly operations as a fraction of capex, 0 or more (default 0.05)
 * @param capexUsd          capex per system by hardware id, above 0, overriding the specs' (default none)
 * @param systemWatts       IT power per system by hardware id, above 0, overriding the specs' (default none)
 * @throws InvalidInputException when a value is out of range
 */
public record EconomicsRequest(Double amortisationYears, Double pue, Double dollarsPerKwh, Double opexShareOfCapex,
                               Map<String, Double> capexUsd, Map<String, Double> systemWatts) {

    /** The defaults. */
    public static final EconomicsRequest DEFAULT = new EconomicsRequest(null, null, null, null, null, null);

    public EconomicsRequest {
        Economics d = Economics.DEFAULT;
        amortisationYears = Checks.or(amortisationYears, d.amortisationYears());
        pue = Checks.or(pue, d.pue());
        dollarsPerKwh = Checks.or(dollarsPerKwh, d.dollarsPerKwh());
        opexShareOfCapex = Checks.or(opexShareOfCapex, d.opexShareOfCapex());
        capexUsd = Map.copyOf(Checks.or(capexUsd, Map.of()));
        systemWatts = Map.copyOf(Checks.or(systemWatts, Map.of()));
        Checks.positive("economics.amortisationYears", amortisationYears);
        if (!(pue >= 1) || !Double.isFinite(pue)) {
            throw InvalidInputException.field("economics.pue", pue, "1 or more");
        }
        Checks.notNegative("economics.dollarsPerKwh", dollarsPerKwh);
        Checks.notNegative("economics.opexShareOfCapex", opexShareOfCapex);
        capexUsd.forEach((id, usd) -> Checks.positive("economics.capexUsd." + id, usd));
        systemWatts.forEach((id, watts) -> Checks.positive("economics.systemWatts." + id, watts));
    }

    /** The engine's economics. */
    public Economics economics() {
        return new Economics(amortisationYears, pue, dollarsPerKwh, opexShareOfCapex, capexUsd, systemWatts);
    }
}
