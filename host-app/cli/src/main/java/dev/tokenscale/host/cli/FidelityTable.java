package dev.tokenscale.host.cli;

import java.util.List;
import java.util.Locale;

/**
 * A section's comparison: one row per published point, and the factor between prediction and publication of each
 * (max(predicted/published, published/predicted); infinite when tokenscale predicts nothing).
 *
 * @param header  column titles
 * @param rows    cells, one row per point
 * @param factors the factor of each row, in the rows' order
 */
record FidelityTable(List<String> header, List<List<String>> rows, List<Double> factors) {

    /** Factors at or under this count as reproduced. */
    static final double WITHIN = 1.5;

    FidelityTable {
        header = List.copyOf(header);
        rows = List.copyOf(rows);
        factors = List.copyOf(factors);
        if (rows.size() != factors.size()) {
            throw new IllegalArgumentException(rows.size() + " rows but " + factors.size() + " factors");
        }
    }

    /** The median factor. */
    double median() {
        double[] sorted = factors.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The largest factor. */
    double largest() {
        return factors.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    /** Points within {@link #WITHIN}. */
    long within() {
        return factors.stream().filter(f -> f <= WITHIN).count();
    }

    /** The summary line, e.g. {@code median factor 1.12, largest 1.41, 20 of 20 points within 1.5x}. */
    String summary() {
        return String.format(Locale.ROOT, "median factor %s, largest %s, %d of %d points within %.1fx",
                factor(median()), factor(largest()), within(), factors.size(), WITHIN);
    }

    /** A factor as the tables print it: {@code 1.23x}, or {@code unreachable}. */
    static String factor(double value) {
        return Double.isInfinite(value) ? "unreachable" : String.format(Locale.ROOT, "%.2fx", value);
    }
}
