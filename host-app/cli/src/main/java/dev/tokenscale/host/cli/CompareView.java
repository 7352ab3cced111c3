package dev.tokenscale.host.cli;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.tokenscale.host.engine.Comparison;
import dev.tokenscale.host.engine.Curve;
import dev.tokenscale.host.engine.Economics;
import dev.tokenscale.host.engine.OperatingPoint;
import dev.tokenscale.host.engine.SpeedPremium;
import dev.tokenscale.host.units.Units;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A comparison as tables and lines, the same for the terminal and the HTML report: the summary table of {@code compare}
 * (docs/cli.md), the speed premium, the cost of each system, and CSV.
 */
final class CompareView {

    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .build();
    /** CSV columns: the hardware, then every field of a point in the order {@link OperatingPoint} declares them. */
    private static final CsvSchema CSV_SCHEMA = csvSchema();

    private CompareView() {
    }

    /**
     * A table for people.
     *
     * @param header column titles
     * @param rows   cells
     */
    record Table(List<String> header, List<List<String>> rows) {
    }

    /** Prints the headline, the summary, the speed premium and where to look next. */
    static void print(Output out, Comparison c, double costAt, SpeedPremium premium) {
        out.line(headline(c));
        out.line("economics: " + economics(c.economics()) + " (docs/metrics.md)");
        out.line("serving: one token per step, no speculative decoding (wafer and LPU endpoints that use it run "
                + "3-7x faster per user: estimate --speculative, docs/validation.md)");
        c.warnings().forEach(w -> out.line("warning: " + w));
        out.line("");
        print(out, summary(c, costAt));
        out.line("");
        out.line(premiumLine(premium));
        if (premium.standard() != null) {
            print(out, premium(premium));
        }
        out.line("");
        out.line("frontier: ./tokenscale compare --model " + c.model() + " --html report.html");
        out.line("why a row: ./tokenscale estimate --model " + c.model() + " --hardware "
                + fastestFirst(c.systems()).get(0).hardware() + " --explain");
    }

    private static void print(Output out, Table table) {
        out.table(table.header(), table.rows());
    }

    /** One row per system, fastest first: devices and speeds at its best interactivity, its best throughput, cost. */
    static Table summary(Comparison c, double costAt) {
        List<List<String>> rows = new ArrayList<>();
        for (Curve curve : fastestFirst(c.systems())) {
            if (curve.fastest().isEmpty()) {
                rows.add(List.of(curve.hardware(), "-", "-", "-", "-", "-", (curve.familyFailed() ? "" : "does not fit: ") + curve.problem()));
                continue;
            }
            OperatingPoint top = curve.fastest().get();
            rows.add(List.of(curve.hardware(), devices(top.devices(), curve.deviceKind()),
                    Units.count(curve.maxInteractivity()), Units.count(top.tokensPerChipPerSecond()),
                    Units.count(curve.maxThroughputPerChip()),
                    curve.cheapestAtLeast(costAt).map(p -> Units.dollars(p.costPerMillionTokensUsd()))
                            .orElse("unreachable"),
                    curve.limitedByAtBatchOne()));
        }
        return new Table(List.of("hardware", "devices", "max tok/s/user", "tok/s/chip @max", "best tok/s/chip",
                "$/Mtok @" + Units.count(costAt) + " tok/s/user", "bound at batch 1"), rows);
    }

    /** What one system costs and draws, and what its cheapest point at {@code costAt} gives per MW. */
    static Table costs(Comparison c, double costAt) {
        List<List<String>> rows = new ArrayList<>();
        for (Curve curve : c.systems()) {
            Curve.SystemCost cost = curve.cost();
            String perMegawatt = curve.cheapestAtLeast(costAt).map(p -> Units.count(p.tokensPerSecondPerMegawatt()))
                    .orElse("unreachable");
            rows.add(List.of(curve.hardware(), curve.name(), curve.status(), String.valueOf(curve.devicesPerSystem()),
                    Units.dollars(cost.capexUsd()), Units.si(cost.systemWatts(), "W"),
                    Units.si(cost.facilityWattsPerSystem(), "W"), Units.dollars(cost.dollarsPerSystemHour()),
                    Units.dollars(cost.dollarsPerDeviceHour()), perMegawatt));
        }
        return new Table(List.of("hardware", "system", "status", "devices", "capex", "IT power", "facility power",
                "$/system-hour", "$/device-hour", "tok/s/MW @" + Units.count(costAt) + " tok/s/user"), rows);
    }

    /** Every frontier point of one system. */
    static Table frontier(Curve curve) {
        List<List<String>> rows = new ArrayList<>();
        for (OperatingPoint p : curve.frontier()) {
            rows.add(List.of(String.valueOf(p.batch()), p.label(), String.valueOf(p.devices()),
                    Units.count(p.tokensPerUserPerSecond()), Units.count(p.tokensPerChipPerSecond()),
                    Units.count(p.totalTokensPerChipPerSecond()), Units.dollars(p.costPerMillionTokensUsd()),
                    Units.dollars(p.costPerMillionInputTokensUsd()), Units.count(p.tokensPerSecondPerMegawatt()),
                    Units.seconds(p.ttftSeconds())));
        }
        return new Table(List.of("batch", "placement", "devices", "tok/s/user", "tok/s/chip", "total tok/s/chip",
                "$/Mtok out", "$/Mtok in", "tok/s/MW", "TTFT"), rows);
    }

    /** The line that introduces the speed premium. */
    static String premiumLine(SpeedPremium premium) {
        if (premium.standard() == null) {
            return "speed premium: no system reaches the standard " + Units.count(premium.standardInteractivity())
                    + " tokens/s/user";
        }
        OperatingPoint standard = premium.standard().point();
        return String.format(Locale.ROOT, "speed premium: the standard mode (>= %s tok/s/user) runs cheapest on %s, "
                        + "batch %d: %s tok/s/user at %s/Mtok. A fast mode (>= %s tok/s/user) on each system:",
                Units.count(premium.standardInteractivity()), premium.standard().hardware(), standard.batch(),
                Units.count(standard.tokensPerUserPerSecond()), Units.dollars(standard.costPerMillionTokensUsd()),
                Units.count(premium.fastInteractivity()));
    }

    /** The fast mode on each system: speedup over the standard and the price multiple that covers its cost. */
    static Table premium(SpeedPremium premium) {
        List<List<String>> rows = new ArrayList<>();
        for (SpeedPremium.Option option : premium.fast()) {
            OperatingPoint p = option.point();
            rows.add(p == null ? List.of(option.hardware(), "-", "-", "-", "-", "unreachable")
                    : List.of(option.hardware(), p.batch() + " on " + p.label(),
                    Units.count(p.tokensPerUserPerSecond()), ratio(option.speedup()),
                    Units.dollars(p.costPerMillionTokensUsd()), ratio(option.priceRatio())));
        }
        return new Table(List.of("fast mode on", "batch", "tok/s/user", "speedup", "$/Mtok",
                "price x that covers cost"), rows);
    }

    /** One CSV row per frontier point, with the hardware id first. */
    static void csv(Output out, Comparison c) {
        List<Row> rows = new ArrayList<>();
        for (Curve curve : c.systems()) {
            curve.frontier().forEach(p -> rows.add(new Row(curve.hardware(), p)));
        }
        try {
            out.line(CSV.writer(CSV_SCHEMA).writeValueAsString(rows).stripTrailing());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write CSV", e);
        }
    }

    private static CsvSchema csvSchema() {
        CsvSchema.Builder columns = CsvSchema.builder().addColumn("hardware");
        for (RecordComponent field : OperatingPoint.class.getRecordComponents()) {
            columns.addColumn(field.getName());
        }
        return columns.setUseHeader(true).build();
    }

    /**
     * A CSV row: the hardware and one frontier point's fields.
     *
     * @param hardware hardware id
     * @param point    the point
     */
    record Row(String hardware, @JsonUnwrapped OperatingPoint point) {
    }

    /** The model, precisions and request shape in one line. */
    static String headline(Comparison c) {
        return String.format(Locale.ROOT, "%s · %.1fB params (%.1fB active) · weights %s, experts %s, KV %s · "
                        + "context %,d (prompt %,d + output %,d)", c.model(), c.parameters() / 1e9,
                c.activeParameters() / 1e9, c.weights(), c.experts(), c.kv(), c.contextTokens(), c.promptTokens(),
                c.outputTokens());
    }

    /** The economics in one line. */
    static String economics(Economics e) {
        String overrides = e.capexUsd().isEmpty() && e.systemWatts().isEmpty() ? ""
                : String.format(Locale.ROOT, "; overridden: capex %s, system power %s", e.capexUsd(), e.systemWatts());
        return String.format(Locale.ROOT, "%s-year amortisation, PUE %s, $%s/kWh, opex %s%% of capex a year%s",
                plain(e.amortisationYears()), plain(e.pue()), plain(e.dollarsPerKwh()),
                plain(100 * e.opexShareOfCapex()), overrides);
    }

    static List<Curve> fastestFirst(List<Curve> curves) {
        return curves.stream().sorted(Comparator.comparingDouble(Curve::maxInteractivity).reversed()).toList();
    }

    static String devices(int count, String kind) {
        return count + " " + kind + (count == 1 ? "" : "s");
    }

    private static String ratio(double value) {
        return (value >= 10 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.2g", value))
                + "x";
    }

    private static String plain(double value) {
        String text = String.format(Locale.ROOT, "%.4g", value);
        return text.contains(".") && !text.contains("e") ? text.replaceAll("0+$", "").replaceAll("\\.$", "") : text;
    }
}
