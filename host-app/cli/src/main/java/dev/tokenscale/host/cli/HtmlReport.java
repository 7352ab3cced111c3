package dev.tokenscale.host.cli;

import dev.tokenscale.host.engine.Comparison;
import dev.tokenscale.host.engine.Curve;
import dev.tokenscale.host.engine.SpeedPremium;
import dev.tokenscale.host.cli.CompareView.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The comparison as one self-contained HTML file: the frontier charts as inline SVG (no script, no font, no image
 * and no style sheet is fetched), the summary and cost tables, the speed premium, every frontier point and the
 * assumptions behind them.
 */
final class HtmlReport {

    static final String STYLE = """
            body{font-family:"DejaVu Sans",Arial,sans-serif;margin:2em auto;max-width:1000px;color:#222}
            h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ccc}
            table{border-collapse:collapse;font-size:.85em;margin:.5em 0}
            th,td{border:1px solid #ddd;padding:.25em .5em;text-align:left}th{background:#f4f4f4}
            td:nth-child(n+2){font-variant-numeric:tabular-nums}
            figure{margin:1em 0}svg{max-width:100%;height:auto}
            .note{color:#555;font-size:.9em}code{background:#f4f4f4;padding:0 .2em}
            """;

    private HtmlReport() {
    }

    /** Writes the report. */
    static void write(Path file, Comparison c, double costAt, SpeedPremium premium) throws IOException {
        StringBuilder html = new StringBuilder(256 * 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>tokenscale · ")
                .append(escape(c.model())).append("</title>\n<style>").append(STYLE)
                .append("</style>\n</head>\n<body>\n");
        html.append("<h1>").append(escape(c.model())).append(" on ").append(c.systems().size())
                .append(" hardware systems</h1>\n");
        paragraph(html, CompareView.headline(c));
        paragraph(html, "Economics: " + CompareView.economics(c.economics()) + ".");
        c.warnings().forEach(w -> paragraph(html, "Warning: " + w));
        html.append("<h2>Interactivity against throughput per chip</h2>\n");
        paragraph(html, "Each line is one system's Pareto frontier over batch sizes and placements; each point is "
                + "labelled with its batch. Up and to the right is better: right is a faster service for each user "
                + "(the Ferrari), up is more tokens from each chip (the bus).");
        figure(html, "frontier-chip", FrontierChart.svg(c, FrontierChart.Measure.PER_CHIP));
        table(html, CompareView.summary(c, costAt));
        html.append("<h2>Per megawatt and per dollar</h2>\n");
        paragraph(html, "A wafer is not a GPU: the same frontiers per megawatt of provisioned facility power and in "
                + "dollars per million output tokens (lower is better).");
        figure(html, "frontier-megawatt", FrontierChart.svg(c, FrontierChart.Measure.PER_MEGAWATT));
        figure(html, "frontier-cost", FrontierChart.svg(c, FrontierChart.Measure.COST));
        html.append("<h2>Cost of each system</h2>\n");
        table(html, CompareView.costs(c, costAt));
        html.append("<h2>Speed premium</h2>\n");
        paragraph(html, CompareView.premiumLine(premium));
        if (premium.standard() != null) {
            table(html, CompareView.premium(premium));
        }
        paragraph(html, "Speedup is the fast point's tokens/s/user over the standard's; the price multiple that covers "
                + "its cost is its $ per million output tokens over the standard's. A fast mode sold at 6x the "
                + "price for 2.5x the speed pays where that multiple is 6 or less.");
        html.append("<h2>Frontier points</h2>\n");
        for (Curve curve : c.systems()) {
            html.append("<details><summary>").append(escape(curve.hardware())).append(" · ")
                    .append(curve.frontier().size()).append(" points of ").append(curve.pointsSwept())
                    .append(" swept, batches up to ").append(curve.largestBatch()).append("</summary>\n");
            if (curve.frontier().isEmpty()) {
                paragraph(html, "does not fit: " + curve.problem());
            } else {
                table(html, CompareView.frontier(curve));
            }
            html.append("</details>\n");
        }
        html.append("<h2>Assumptions</h2>\n<ul>\n");
        for (String item : assumptions(c)) {
            html.append("<li>").append(escape(item)).append("</li>\n");
        }
        html.append("</ul>\n");
        table(html, sources(c));
        html.append("</body>\n</html>\n");
        Files.writeString(file, html);
    }

    private static List<String> assumptions(Comparison c) {
        return List.of(
                String.format(Locale.ROOT, "A request is %,d prompt tokens and %,d output tokens; every decode step "
                        + "is timed at the full context of %,d tokens.", c.promptTokens(), c.outputTokens(),
                        c.contextTokens()),
                "Interactivity = 1 / time per output token, where TPOT = t + (B - 1) T / O: the decode step t plus "
                        + "the pauses for the other B - 1 users' prefills (T each) spread over the O output tokens.",
                "Throughput per chip = output tokens per second / every device of the deployment (pipeline stages "
                        + "included). Prefill runs on the same devices, one prompt at a time; no separate prefill "
                        + "pool is modelled.",
                "Cost per hour = capex / (amortisation years x 8,760) + system power x PUE x $/kWh + capex x opex "
                        + "share / 8,760, shared evenly by a system's devices; $/Mtok = deployment $/hour / output "
                        + "tokens per hour x 10^6.",
                "Tokens per second per MW count provisioned facility power: system power x PUE.",
                "Batches double from 1 to the memory limit or until throughput per chip stops rising (2 doublings "
                        + "under 2%); every feasible placement at each batch is an operating point.",
                "docs/metrics.md defines every metric; ./tokenscale estimate --explain shows every term of a step.");
    }

    private static Table sources(Comparison c) {
        return new Table(List.of("hardware", "capex source", "system power source"), c.systems().stream()
                .map(curve -> List.of(curve.hardware(), curve.cost().capexSource(), curve.cost().systemPowerSource()))
                .toList());
    }

    static void paragraph(StringBuilder html, String text) {
        html.append("<p class=\"note\">").append(escape(text)).append("</p>\n");
    }

    static void figure(StringBuilder html, String id, String svg) {
        html.append("<figure id=\"").append(id).append("\">\n").append(svg).append("\n</figure>\n");
    }

    static void table(StringBuilder html, Table table) {
        html.append("<table>\n<tr>");
        table.header().forEach(h -> html.append("<th>").append(escape(h)).append("</th>"));
        html.append("</tr>\n");
        for (List<String> row : table.rows()) {
            html.append("<tr>");
            row.forEach(cell -> html.append("<td>").append(escape(cell)).append("</td>"));
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
