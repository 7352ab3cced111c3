package dev.tokenscale.host.engine;

import java.util.Arrays;

/**
 * How far predictions land from measurements over some rows.
 *
 * @param rows                  rows counted
 * @param medianAbsErrorPercent median of the absolute errors, percent
 * @param maxAbsErrorPercent    largest absolute error, percent
 */
public record ErrorStats(int rows, double medianAbsErrorPercent, double maxAbsErrorPercent) {

    /** The statistics of these signed errors (percent); at least one. */
    public static ErrorStats of(double[] errorsPercent) {
        if (errorsPercent.length == 0) {
            throw new IllegalArgumentException("no errors to summarise");
        }
        double[] absolute = Arrays.stream(errorsPercent).map(Math::abs).sorted().toArray();
        int n = absolute.length;
        double median = n % 2 == 1 ? absolute[n / 2] : (absolute[n / 2 - 1] + absolute[n / 2]) / 2;
        return new ErrorStats(n, median, absolute[n - 1]);
    }
}
