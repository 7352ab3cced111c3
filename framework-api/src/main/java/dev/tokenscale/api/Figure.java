package dev.tokenscale.api;

import java.util.Objects;

/**
 * One number with where it came from: a value in SI units (bytes, bytes/s, FLOP/s, seconds, watts, USD, mm2 or a
 * plain count) and its source: a URL, a text that starts with {@code "estimate:"} and gives the reasoning, or (for
 * execution parameters fitted to measurements) a text that starts with {@code "calibrated:"} and names them.
 *
 * @param value  the value in SI units
 * @param source a URL, {@code "estimate: why"} or {@code "calibrated: measurements, rows, date"}; never blank
 * @param note   optional context (conflicting sources, what the figure includes); may be {@code null}
 */
public record Figure(double value, String source, String note) {

    /** Prefix that marks a figure as an estimate rather than a published number. */
    public static final String ESTIMATE_PREFIX = "estimate:";
    /**
     * Prefix that marks a figure as fitted to measurements, e.g. {@code "calibrated: h200.csv, 21 rows,
     * 2026-05-01"} (since 1.1).
     */
    public static final String CALIBRATED_PREFIX = "calibrated:";

    public Figure {
        Objects.requireNonNull(source, "source");
        if (source.isBlank()) {
            throw new IllegalArgumentException("a figure needs a source (a URL or \"estimate: why\")");
        }
    }

    /** A figure without a note. */
    public static Figure of(double value, String source) {
        return new Figure(value, source, null);
    }

    /** Whether the source is an estimate rather than a published figure. */
    public boolean isEstimate() {
        return source.startsWith(ESTIMATE_PREFIX);
    }

    /** The same source and note with another value (for derived or calibrated figures). */
    public Figure withValue(double newValue) {
        return new Figure(newValue, source, note);
    }
}
