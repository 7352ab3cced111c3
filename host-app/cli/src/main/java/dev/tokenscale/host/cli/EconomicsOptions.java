package dev.tokenscale.host.cli;

import dev.tokenscale.host.embed.EconomicsRequest;
import dev.tokenscale.host.embed.InvalidInputException;
import dev.tokenscale.host.embed.Limit;
import dev.tokenscale.host.embed.Lookup;
import dev.tokenscale.host.engine.Economics;
import dev.tokenscale.host.runtime.Installed;
import dev.tokenscale.host.spec.Dimension;
import dev.tokenscale.host.spec.Quantities;
import dev.tokenscale.host.spec.SpecException;
import dev.tokenscale.host.spec.SpecMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The cost-of-ownership assumptions ({@code docs/metrics.md}): the host's defaults ({@link Economics#DEFAULT}), then
 * a YAML or JSON file given with --economics, then the flags, each overriding what came before. What neither file
 * nor flag sets is left to the host.
 */
public final class EconomicsOptions {

    @Option(names = "--economics", paramLabel = "FILE",
            description = "Read economics from a YAML or JSON file: amortisationYears, pue, dollarsPerKwh, "
                    + "opexShare, capex {HW: USD}, systemPower {HW: W} (docs/metrics.md).")
    Path file;

    @Option(names = "--amortisation-years", paramLabel = "Y",
            description = "Years over which capex is spread (default: 4).")
    Double amortisationYears;

    @Option(names = "--pue", paramLabel = "X", description = "Facility power / IT power (default: 1.3).")
    Double pue;

    @Option(names = "--dollars-per-kwh", paramLabel = "USD", description = "Electricity price (default: 0.08).")
    Double dollarsPerKwh;

    @Option(names = "--opex-share", paramLabel = "X",
            description = "Yearly operations as a fraction of capex (default: 0.05).")
    Double opexShare;

    @Option(names = "--capex", paramLabel = "HW=USD", split = ",",
            description = "Capex per system for a hardware id, e.g. cerebras-cs3=2500000 (repeatable).")
    Map<String, String> capex = new LinkedHashMap<>();

    @Option(names = "--system-power", paramLabel = "HW=W", split = ",",
            description = "IT power per system for a hardware id, e.g. nvidia-h200=10.2kW (repeatable).")
    Map<String, String> systemPower = new LinkedHashMap<>();

    /**
     * The economics file's fields; each may be left out.
     *
     * @param amortisationYears years over which capex is spread
     * @param pue               facility power / IT power
     * @param dollarsPerKwh     electricity price
     * @param opexShare         yearly operations as a fraction of capex
     * @param capex             capex per system by hardware id (a number or "2.5e6 USD")
     * @param systemPower       IT power per system by hardware id (a number of watts or "10.2 kW")
     */
    record EconomicsFile(Double amortisationYears, Double pue, Double dollarsPerKwh, Double opexShare,
                         Map<String, Object> capex, Map<String, Object> systemPower) {
    }

    /** The economics these options set; hardware ids are checked against what is installed. */
    EconomicsRequest economics(Installed installed) {
        EconomicsFile read = file == null ? new EconomicsFile(null, null, null, null, null, null) : read(file);
        String where = file == null ? "" : file + ": ";
        Map<String, Double> capexUsd = new LinkedHashMap<>();
        Map<String, Double> watts = new LinkedHashMap<>();
        putAll(capexUsd, read.capex(), Dimension.MONEY, where + "capex", installed);
        putAll(watts, read.systemPower(), Dimension.POWER, where + "systemPower", installed);
        putAll(capexUsd, capex, Dimension.MONEY, "--capex", installed);
        putAll(watts, systemPower, Dimension.POWER, "--system-power", installed);
        Double years = pick(amortisationYears, read.amortisationYears());
        Double p = pick(pue, read.pue());
        Double kwh = pick(dollarsPerKwh, read.dollarsPerKwh());
        Double opex = pick(opexShare, read.opexShare());
        check(Limit.AMORTISATION_YEARS, "amortisation years", years);
        check(Limit.PUE, "PUE", p);
        check(Limit.DOLLARS_PER_KWH, "dollars per kWh", kwh);
        check(Limit.OPEX_SHARE, "opex share", opex);
        return new EconomicsRequest(years, p, kwh, opex, capexUsd, watts);
    }

    private static EconomicsFile read(Path path) {
        try {
            return SpecMapper.read(path, EconomicsFile.class);
        } catch (SpecException e) {
            throw new UserException("--economics " + e.getMessage());
        }
    }

    private static void putAll(Map<String, Double> into, Map<String, ?> written, Dimension dimension, String what,
                               Installed installed) {
        if (written == null) {
            return;
        }
        for (Map.Entry<String, ?> entry : written.entrySet()) {
            try {
                Lookup.hardware(installed.accelerators(), entry.getKey());
            } catch (InvalidInputException e) {
                throw new UserException(what + ": " + e.getMessage());
            }
            double value;
            try {
                value = Quantities.parse(entry.getValue(), dimension);
            } catch (IllegalArgumentException e) {
                throw new UserException(what + " " + entry.getKey() + "=" + entry.getValue() + ": " + e.getMessage());
            }
            check(dimension == Dimension.MONEY ? Limit.CAPEX_USD : Limit.SYSTEM_WATTS, what + " " + entry.getKey(),
                    value);
            into.put(entry.getKey(), value);
        }
    }

    private static Double pick(Double flag, Double fromFile) {
        return flag != null ? flag : fromFile;
    }

    private static void check(Limit limit, String what, Double value) {
        if (value != null && !limit.accepts(value)) {
            throw new UserException(what + " " + value + ": expected " + limit.expected());
        }
    }
}
