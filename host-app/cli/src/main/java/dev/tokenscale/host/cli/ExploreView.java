package dev.tokenscale.host.cli;

import dev.tokenscale.host.cli.CompareView.Table;
import dev.tokenscale.host.explore.DesignResult;
import dev.tokenscale.host.explore.Objective;
import dev.tokenscale.host.spec.Quantities;
import dev.tokenscale.host.spec.SiliconReader;
import dev.tokenscale.host.spec.silicon.DesignParameter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** A sweep as tables and lines, the same for the terminal and the HTML report. */
final class ExploreView {

    /** Failed designs listed one by one before the rest are only counted. */
    static final int FAILURES_LISTED = 20;

    private ExploreView() {
    }

    /** The summary, the Pareto set (or every design) per model and the failed designs. */
    static void print(Output out, ExploreCommand.Sweep sweep, List<DesignResult> results, List<String> parameters,
                      List<Objective> goals, int top, boolean all) {
        out.line(headline(sweep, results));
        out.line("economics: " + CompareView.economics(sweep.economics()) + " (docs/metrics.md)");
        for (String model : sweep.models()) {
            List<DesignResult> working = results.stream().filter(r -> r.model().equals(model) && r.ok()).toList();
            List<DesignResult> set = all ? working : paretoSet(results, model, goals);
            out.line("");
            out.line(String.format(Locale.ROOT, "%s: %s, %d of %d working designs%s", model, all ? "every design"
                            : "Pareto set for " + goals.stream().map(Objective::spelling).collect(Collectors.joining(
                            ", ")), set.size(), working.size(),
                    set.size() > top ? " (the first " + top + (all ? ")" : " by interactivity)") : ""));
            Table table = designs(set.subList(0, Math.min(top, set.size())), parameters, goals);
            out.table(table.header(), table.rows());
        }
        List<String> failures = failures(results);
        if (!failures.isEmpty()) {
            out.line("");
            out.line("failed (" + failures.size() + "):");
            failures.stream().limit(FAILURES_LISTED).forEach(f -> out.line("  " + f));
            if (failures.size() > FAILURES_LISTED) {
                out.line("  ... and " + (failures.size() - FAILURES_LISTED) + " more (every one in --csv or --out)");
            }
        }
        out.line("");
        out.line("why a design: ./tokenscale explore --explain (one design), every design: --csv, --parquet, --html");
    }

    /** The sweep in one line: designs, models, request shape and how many failed. */
    static String headline(ExploreCommand.Sweep sweep, List<DesignResult> results) {
        long designs = results.stream().mapToInt(DesignResult::index).distinct().count();
        long failed = results.stream().filter(r -> !r.ok()).mapToInt(DesignResult::index).distinct().count();
        return String.format(Locale.ROOT, "explore: %,d designs from %s x %d model%s (%s) · context %,d, prompt %,d "
                        + "· %,d failed", designs, String.join(", ", sweep.designs()), sweep.models().size(),
                sweep.models().size() == 1 ? "" : "s", String.join(", ", sweep.models()), sweep.context(),
                sweep.prompt(), failed);
    }

    /** The working designs of a model in its Pareto set, by rising interactivity. */
    static List<DesignResult> paretoSet(List<DesignResult> results, String model, List<Objective> goals) {
        return results.stream().filter(r -> r.model().equals(model) && r.ok() && (r.pareto() || goals.isEmpty()))
                .sorted(Comparator.comparingDouble(DesignResult::maxInteractivity).reversed()).toList();
    }

    /** One row per design: its id, varied parameters, derived silicon and served figures, and the objectives. */
    static Table designs(List<DesignResult> rows, List<String> parameters, List<Objective> goals) {
        List<String> header = new ArrayList<>(List.of("design"));
        header.addAll(parameters);
        header.addAll(List.of("SRAM", "SRAM share", "dense FP16", "off-chip", "power", "devices",
                "max tok/s/user", "max tok/s/chip"));
        goals.stream().filter(g -> g.kind() != Objective.Kind.MAX_INTERACTIVITY
                && g.kind() != Objective.Kind.MAX_THROUGHPUT).forEach(g -> header.add(g.spelling()));
        List<List<String>> cells = new ArrayList<>();
        for (DesignResult r : rows) {
            List<String> row = new ArrayList<>(List.of(r.design()));
            parameters.forEach(p -> row.add(parameter(p, r.parameters().getOrDefault(p, ""))));
            row.add(String.format(Locale.ROOT, "%.3g GB", r.figure("sramBytes") / 1e9));
            row.add(String.format(Locale.ROOT, "%.2f", r.figure("sramAreaShare")));
            row.add(String.format(Locale.ROOT, "%.3g PF", r.figure("denseFp16Flops") / 1e15));
            row.add(String.format(Locale.ROOT, "%,.0f GB/s", r.figure("offChipBandwidth") / 1e9));
            row.add(String.format(Locale.ROOT, "%.3g kW", r.figure("devicePowerW") / 1e3));
            row.add(String.format(Locale.ROOT, "%.0f", r.figure("devices")));
            row.add(String.format(Locale.ROOT, "%,.0f", r.maxInteractivity()));
            row.add(String.format(Locale.ROOT, "%,.0f", r.maxThroughputPerChip()));
            for (Objective g : goals) {
                double value = g.of(r);
                if (g.kind() == Objective.Kind.COST) {
                    row.add(Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "$%.3g", value));
                } else if (g.kind() == Objective.Kind.TOKENS_PER_MW) {
                    row.add(Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%,.0f", value));
                }
            }
            cells.add(row);
        }
        return new Table(header, cells);
    }

    /** A parameter's value in the units a person reads it in ({@code 1.2 GHz}, {@code 48 KiB}), ids as they are. */
    static String parameter(String name, String value) {
        return DesignParameter.named(name).filter(p -> p.kind() != DesignParameter.Kind.TEXT).map(p -> {
            try {
                return Quantities.format(Double.parseDouble(value), SiliconReader.dimension(p));
            } catch (NumberFormatException e) {
                return value;
            }
        }).orElse(value);
    }

    /** Each failed design once, with its parameters and the reason (per model when the reasons differ). */
    static List<String> failures(List<DesignResult> results) {
        Map<String, List<DesignResult>> byDesign = new LinkedHashMap<>();
        results.stream().filter(r -> !r.ok()).forEach(r -> byDesign.computeIfAbsent(r.design(),
                k -> new ArrayList<>()).add(r));
        List<String> lines = new ArrayList<>();
        byDesign.forEach((design, failed) -> {
            DesignResult first = failed.get(0);
            String parameters = first.parameters().entrySet().stream().map(e -> e.getKey() + "="
                    + parameter(e.getKey(), e.getValue())).collect(Collectors.joining(", "));
            String reasons = failed.stream().map(DesignResult::error).distinct().collect(Collectors.joining("; "));
            lines.add(design + (parameters.isEmpty() ? "" : " (" + parameters + ")") + ": " + reasons);
        });
        return lines;
    }
}
