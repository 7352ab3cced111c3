package dev.tokenscale.host.explore;

import java.util.ArrayList;
import java.util.List;

/**
 * A sweep's results as one flat table, the same for every file format and for a distributed run: one row per
 * design and model, with the design's index, ids, varied parameters, error, derived and served figures, the
 * objectives' metrics and its Pareto flag.
 *
 * @param columns the columns, in order
 * @param rows    one array per result, of {@link Integer}, {@link String}, {@link Double} or {@link Boolean} per
 *                column ({@code null} for a missing value)
 */
public record ResultTable(List<Column> columns, List<Object[]> rows) {

    /** What a column holds. */
    public enum Type {
        INTEGER, TEXT, NUMBER, FLAG
    }

    /**
     * A column.
     *
     * @param name its name
     * @param type what it holds
     */
    public record Column(String name, Type type) {
    }

    public ResultTable {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /** The table of these results: {@code parameters} are the varied parameters' names, in order. */
    public static ResultTable of(List<DesignResult> results, List<String> parameters, List<Objective> objectives) {
        List<Column> columns = new ArrayList<>(List.of(new Column("index", Type.INTEGER),
                new Column("design", Type.TEXT), new Column("base", Type.TEXT), new Column("model", Type.TEXT)));
        parameters.forEach(p -> columns.add(new Column(p, Type.TEXT)));
        columns.add(new Column("error", Type.TEXT));
        DesignResult.FIGURES.forEach(f -> columns.add(new Column(f, Type.NUMBER)));
        objectives.forEach(o -> columns.add(new Column(o.spelling(), Type.NUMBER)));
        columns.add(new Column("pareto", Type.FLAG));
        List<Object[]> rows = new ArrayList<>();
        for (DesignResult r : results) {
            List<Object> row = new ArrayList<>(List.of(r.index(), r.design(), r.base(), r.model()));
            parameters.forEach(p -> row.add(r.parameters().get(p)));
            row.add(r.error());
            DesignResult.FIGURES.forEach(f -> row.add(number(r.figure(f))));
            objectives.forEach(o -> row.add(number(o.of(r))));
            row.add(r.pareto());
            rows.add(row.toArray());
        }
        return new ResultTable(columns, rows);
    }

    /**
     * The same rows with their Pareto flags set from the objectives' columns, as {@link Exploration#pareto} sets
     * them on results: per model, among the rows without an error.
     */
    public ResultTable withPareto(List<Objective> objectives) {
        int model = column("model");
        int error = column("error");
        int pareto = column("pareto");
        int[] metrics = objectives.stream().mapToInt(o -> column(o.spelling())).toArray();
        List<String> groups = new ArrayList<>();
        List<double[]> scores = new ArrayList<>();
        for (Object[] row : rows) {
            groups.add((String) row[model]);
            double[] values = new double[metrics.length];
            for (int i = 0; i < metrics.length; i++) {
                values[i] = row[metrics[i]] == null ? Double.NaN : (Double) row[metrics[i]];
            }
            scores.add(row[error] == null ? Exploration.scores(objectives, values) : null);
        }
        boolean[] inSet = Exploration.paretoSet(groups, scores);
        List<Object[]> marked = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Object[] row = rows.get(i).clone();
            row[pareto] = inSet[i] && !objectives.isEmpty();
            marked.add(row);
        }
        return new ResultTable(columns, marked);
    }

    /** The position of the column with this name. */
    public int column(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no column " + name);
    }

    private static Double number(double value) {
        return Double.isNaN(value) ? null : value;
    }

    /** A cell as CSV writes it: numbers in at most six significant digits, empty for missing. */
    public static String text(Object cell) {
        if (cell == null) {
            return "";
        }
        return cell instanceof Double number ? DesignResult.number(number) : String.valueOf(cell);
    }
}
