package dev.tokenscale.host.embed;

import dev.tokenscale.host.engine.Economics;
import java.util.HashMap;
import java.util.Map;

/**
 * The cost-of-ownership assumptions of a comparison ({@code docs/metrics.md}), with the field names of the
 * {@link Economics} that answers echo. A {@code null} field takes the host's default: {@link Economics#DEFAULT}'s
 * value, unless the program that embeds the host binds other defaults.
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

    /** The host's defaults. */
    public static final EconomicsRequest DEFAULT = new EconomicsRequest(null, null, null, null, null, null);

    public EconomicsRequest {
        capexUsd = Map.copyOf(Checks.or(capexUsd, Map.of()));
        systemWatts = Map.copyOf(Checks.or(systemWatts, Map.of()));
        check(Limit.AMORTISATION_YEARS, "economics.amortisationYears", amortisationYears);
        check(Limit.PUE, "economics.pue", pue);
        check(Limit.DOLLARS_PER_KWH, "economics.dollarsPerKwh", dollarsPerKwh);
        check(Limit.OPEX_SHARE, "economics.opexShareOfCapex", opexShareOfCapex);
        capexUsd.forEach((id, usd) -> Limit.CAPEX_USD.check("economics.capexUsd." + id, usd));
        systemWatts.forEach((id, watts) -> Limit.SYSTEM_WATTS.check("economics.systemWatts." + id, watts));
    }

    private static void check(Limit limit, String field, Double value) {
        if (value != null) {
            limit.check(field, value);
        }
    }

    /** The engine's economics: these values, and {@code defaults}' where a field is {@code null}. */
    public Economics economics(Economics defaults) {
        return new Economics(Checks.or(amortisationYears, defaults.amortisationYears()),
                Checks.or(pue, defaults.pue()), Checks.or(dollarsPerKwh, defaults.dollarsPerKwh()),
                Checks.or(opexShareOfCapex, defaults.opexShareOfCapex()), merged(defaults.capexUsd(), capexUsd),
                merged(defaults.systemWatts(), systemWatts));
    }

    private static Map<String, Double> merged(Map<String, Double> defaults, Map<String, Double> given) {
        Map<String, Double> merged = new HashMap<>(defaults);
        merged.putAll(given);
        return merged;
    }
}
