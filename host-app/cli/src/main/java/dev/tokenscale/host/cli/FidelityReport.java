package dev.tokenscale.host.cli;

import java.util.List;

/** The fidelity report as Markdown: the page {@code docs/validation.md}. */
final class FidelityReport {

    /** How the page is made, stated at its top. */
    static final String COMMAND = "./tokenscale fidelity --markdown docs/validation.md";

    private FidelityReport() {
    }

    /** The page: a header that says how it is regenerated, then each section's method, table and summary. */
    static String markdown(List<FidelitySection> sections, List<FidelityTable> tables) {
        StringBuilder page = new StringBuilder("# Validation against published measurements\n\n")
                .append("How close tokenscale comes to what real deployments were measured to do, on data the "
                        + "project collected with its sources (`data/reference/`, see its README). This page is "
                        + "generated: `").append(COMMAND).append("` rewrites it from a fresh build, and the test "
                        + "`FidelityIT` fails when the page and the command disagree.\n");
        for (int i = 0; i < sections.size(); i++) {
            FidelitySection section = sections.get(i);
            FidelityTable table = tables.get(i);
            page.append("\n## ").append(section.title()).append("\n\n");
            section.method().forEach(paragraph -> page.append(paragraph).append("\n\n"));
            page.append(row(table.header())).append(row(table.header().stream().map(h -> "---").toList()));
            table.rows().forEach(cells -> page.append(row(cells)));
            page.append("\n").append(table.summary().substring(0, 1).toUpperCase(java.util.Locale.ROOT))
                    .append(table.summary().substring(1)).append(".\n");
        }
        return page.toString();
    }

    private static String row(List<String> cells) {
        return "| " + String.join(" | ", cells.stream().map(c -> c.replace("|", "/")).toList()) + " |\n";
    }
}
