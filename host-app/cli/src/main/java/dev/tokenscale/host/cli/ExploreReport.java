package dev.tokenscale.host.cli;

import dev.tokenscale.host.cli.CompareView.Table;
import dev.tokenscale.host.engine.Comparison;
import dev.tokenscale.host.engine.Curve;
import dev.tokenscale.host.explore.DesignResult;
import dev.tokenscale.host.explore.Objective;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * A sweep as one self-contained HTML file: per model, the design space (every design's interactivity against its
 * cost or throughput, the Pareto set marked), each varied parameter against interactivity, the SRAM-for-compute
 * trade, the Pareto designs' frontiers, and the tables; inline SVG only, nothing is fetched.
 */
final class ExploreReport {

    /** The legend entry of the Pareto set, the first series of every design-space chart. */
    static final String PARETO = "Pareto set";
    /** Pareto designs whose frontiers are drawn, at most (the chart's palette). */
    static final int FRONTIERS_DRAWN = 12;

    private ExploreReport() {
    }

    static void write(Path file, ExploreCommand.Sweep sweep, List<DesignResult> results, List<Objective> goals)
            throws IOException {
        List<String> parameters = new ArrayList<>(results.stream().flatMap(r -> r.parameters().keySet().stream())
                .distinct().toList());
        Objective cost = goals.stream().filter(g -> g.kind() == Objective.Kind.COST).findFirst().orElse(null);
        StringBuilder html = new StringBuilder(256 * 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>tokenscale explore")
                .append("</title>\n<style>").append(HtmlReport.STYLE).append("</style>\n</head>\n<body>\n");
        html.append("<h1>Design space: ").append(HtmlReport.escape(String.join(", ", sweep.designs())))
                .append("</h1>\n");
        HtmlReport.paragraph(html, ExploreView.headline(sweep, results));
        HtmlReport.paragraph(html, "Economics: " + CompareView.economics(sweep.economics()) + ".");
        HtmlReport.paragraph(html, "Each design is derived from silicon (data/silicon) and run through its "
                + "reference system's execution model; docs/explore.md explains the derivation, and "
                + "./tokenscale explore --explain shows every term of one design.");
        for (String model : sweep.models()) {
            List<DesignResult> mine = results.stream().filter(r -> r.model().equals(model) && r.ok()).toList();
            html.append("<h2>").append(HtmlReport.escape(model)).append("</h2>\n");
            if (mine.isEmpty()) {
                HtmlReport.paragraph(html, "No design serves this model.");
                continue;
            }
            String key = model.replaceAll("[^A-Za-z0-9]", "-");
            ToDoubleFunction<DesignResult> y = cost == null ? DesignResult::maxThroughputPerChip : cost::of;
            String yLabel = cost == null ? "max output tokens/s per chip"
                    : "$ per million output tokens at " + DesignResult.number(cost.interactivity()) + " tok/s/user";
            HtmlReport.figure(html, "space-" + key, ExploreChart.scatter("space-" + key, model
                    + ": every design", "max tokens/s per user", true, yLabel, true, paretoSplit(mine,
                    DesignResult::maxInteractivity, y)));
            for (String parameter : parameters) {
                if (mine.stream().allMatch(r -> number(r.parameters().get(parameter)) != null)) {
                    HtmlReport.figure(html, "vary-" + parameter + "-" + key, ExploreChart.scatter("vary-" + parameter
                            + "-" + key, model + ": " + parameter, parameter, false, "max tokens/s per user", true,
                            paretoSplit(mine, r -> number(r.parameters().get(parameter)),
                                    DesignResult::maxInteractivity)));
                }
            }
            HtmlReport.figure(html, "trade-" + key, ExploreChart.scatter("trade-" + key, model
                    + ": SRAM against compute", "SRAM per device (GB)", false, "dense FP16 per device (PFLOPS)", false,
                    paretoSplit(mine, r -> r.figure("sramBytes") / 1e9, r -> r.figure("denseFp16Flops") / 1e15)));
            List<DesignResult> set = ExploreView.paretoSet(results, model, goals);
            List<Curve> curves = set.stream().limit(FRONTIERS_DRAWN).map(DesignResult::curve).toList();
            Comparison frontiers = new Comparison(model, 0, 0, "", "", "", sweep.context(), sweep.prompt(),
                    sweep.context() - sweep.prompt(), sweep.economics(), curves, List.of());
            HtmlReport.paragraph(html, "The frontiers of the Pareto set" + (set.size() > FRONTIERS_DRAWN
                    ? " (the " + FRONTIERS_DRAWN + " fastest of " + set.size() + ")" : "") + ":");
            HtmlReport.figure(html, "frontier-" + key, FrontierChart.svg(frontiers, FrontierChart.Measure.PER_CHIP));
            html.append("<h3>Pareto set</h3>\n");
            HtmlReport.table(html, ExploreView.designs(set, parameters, goals));
            html.append("<details><summary>every working design (").append(mine.size()).append(")</summary>\n");
            HtmlReport.table(html, ExploreView.designs(mine, parameters, goals));
            html.append("</details>\n");
        }
        List<String> failures = ExploreView.failures(results);
        if (!failures.isEmpty()) {
            html.append("<h2>Designs that failed (").append(failures.size()).append(")</h2>\n");
            HtmlReport.table(html, new Table(List.of("design: why"), failures.stream().map(List::of).toList()));
        }
        html.append("</body>\n</html>\n");
        Files.writeString(file, html);
    }

    /** The designs as {x, y} points: the Pareto set as one series, the others as one series per base design. */
    private static Map<String, List<double[]>> paretoSplit(List<DesignResult> designs,
                                                           ToDoubleFunction<DesignResult> x,
                                                           ToDoubleFunction<DesignResult> y) {
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        series.put(PARETO, new ArrayList<>());
        for (DesignResult r : designs) {
            series.computeIfAbsent(r.pareto() ? PARETO : "other " + r.base(), k -> new ArrayList<>())
                    .add(new double[] {x.applyAsDouble(r), y.applyAsDouble(r)});
        }
        return series;
    }

    /** A parameter's value as a number, or null when it is an id (a node). */
    private static Double number(String value) {
        try {
            return value == null ? null : Double.valueOf(value.toLowerCase(Locale.ROOT));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
