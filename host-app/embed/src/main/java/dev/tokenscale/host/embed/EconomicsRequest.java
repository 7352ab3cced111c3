package dev.tokenscale.host.embed;

import dev.tokenscale.host.engine.Economics;
import java.util.Map;

/**
 * The cost-of-ownership assumptions of a comparison ({@code docs/metrics.md}), with the field names of the
 * {@link Economics} that answers echo; a {@code null} field takes {@link Economics#DEFAULT}'s value.
 *
 * @param amortisationYears years over which capex is spread, above 0, up to 100 (default 4)
 * @param pue               facility power / IT power, from 1 to 10 (default 1.3)
 * @param dollarsPerKwh     electricity price, from 0 to 100 (default 0.08)
 * @param opexShareOfCapex  yearly operations as a fraction of capex, from 0 to 10 (default 0.05)
 * @param capexUsd          capex per system by hardware id, above 0, up to 1e12, overriding the specs' (default
 *                          none)
 * @param systemWatts       IT power per system by hardware id, above 0, up to 1e10, overriding the specs'
 *                          (default none)
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
        Limit.AMORTISATION_YEARS.check("economics.amortisationYears", amortisationYears);
        Limit.PUE.check("economics.pue", pue);
        Limit.DOLLARS_PER_KWH.check("economics.dollarsPerKwh", dollarsPerKwh);
        Limit.OPEX_SHARE.check("economics.opexShareOfCapex", opexShareOfCapex);
        capexUsd.forEach((id, usd) -> Limit.CAPEX_USD.check("economics.capexUsd." + id, usd));
        systemWatts.forEach((id, watts) -> Limit.SYSTEM_WATTS.check("economics.systemWatts." + id, watts));
    }

    /** The engine's economics. */
    public Economics economics() {
        return new Economics(amortisationYears, pue, dollarsPerKwh, opexShareOfCapex, capexUsd, systemWatts);
    }
}
