package dev.tokenscale.host.spec;

import dev.tokenscale.host.units.Units;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Parses human quantities such as {@code "44 GB"}, {@code "21 PB/s"}, {@code "700 W"}, {@code "$450,000"} or
 * {@code 1.2e12} to SI, and formats SI values back in human units.
 */
public final class Quantities {

    /**
     * The units values are written in, smallest first: each must be a unit of its dimension that the parser reads
     * back, and their prefixes are those of {@link Units} (KB for bytes, kW for watts).
     */
    private static final Map<Dimension, List<String>> DISPLAY = Map.ofEntries(
            Map.entry(Dimension.BYTES, List.of("B", "KB", "MB", "GB", "TB", "PB")),
            Map.entry(Dimension.BANDWIDTH, List.of("B/s", "KB/s", "MB/s", "GB/s", "TB/s", "PB/s")),
            Map.entry(Dimension.FLOPS, List.of("FLOPS", "GFLOPS", "TFLOPS", "PFLOPS", "EFLOPS")),
            Map.entry(Dimension.POWER, List.of("W", "kW", "MW", "GW")),
            Map.entry(Dimension.TIME, List.of("ns", "us", "ms", "s")),
            Map.entry(Dimension.AREA, List.of("mm2")),
            Map.entry(Dimension.LENGTH, List.of("nm", "um", "mm", "m")),
            Map.entry(Dimension.ENERGY, List.of("fJ", "pJ", "nJ", "mJ", "J")),
            Map.entry(Dimension.FREQUENCY, List.of("Hz", "MHz", "GHz")),
            Map.entry(Dimension.SIGNAL_RATE, List.of("b/s", "Mb/s", "Gb/s", "Tb/s")),
            Map.entry(Dimension.DENSITY, List.of("B/mm2", "KB/mm2", "MB/mm2", "GB/mm2")));

    /** Five significant digits show every published figure exactly (15.625 PFLOPS, 1978.9 TFLOPS). */
    private static final int DIGITS = 5;

    /** Longest number a quantity may be written with: 17 significant digits and an exponent fit well inside. */
    private static final int MAX_NUMBER_CHARS = 40;

    private Quantities() {
    }

    /**
     * The SI value of a quantity written as a number or as {@code "number unit"}.
     *
     * @throws IllegalArgumentException with a message that says what was expected
     */
    public static double parse(Object written, Dimension dimension) {
        if (written instanceof Number number) {
            return number.doubleValue();
        }
        if (!(written instanceof String text) || text.isBlank()) {
            throw new IllegalArgumentException("expected " + expected(dimension));
        }
        String trimmed = text.trim().replace(",", "").replace("_", "");
        if (dimension == Dimension.MONEY && trimmed.startsWith("$")) {
            trimmed = trimmed.substring(1) + " USD";
        }
        int split = 0;
        while (split < trimmed.length() && "0123456789.eE+-".indexOf(trimmed.charAt(split)) >= 0) {
            split++;
        }
        String numberPart = trimmed.substring(0, split);
        if (numberPart.length() > MAX_NUMBER_CHARS) {
            throw new IllegalArgumentException("a number of more than " + MAX_NUMBER_CHARS + " characters; expected "
                    + expected(dimension));
        }
        String unitPart = trimmed.substring(split).trim();
        BigDecimal number;
        try {
            number = new BigDecimal(numberPart);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected " + expected(dimension));
        }
        if (unitPart.isEmpty()) {
            return number.doubleValue();
        }
        Double factor = dimension.units().get(unitPart);
        if (factor == null) {
            throw new IllegalArgumentException("unknown unit '" + unitPart + "'; expected " + expected(dimension));
        }
        // In decimal, so that "3.35 TB/s" is exactly 3.35e12 rather than 3.35 x 1e12 in binary.
        return number.multiply(BigDecimal.valueOf(factor)).doubleValue();
    }

    /** What a field of this dimension accepts, for error messages. */
    public static String expected(Dimension dimension) {
        if (dimension.units().isEmpty()) {
            return dimension.description();
        }
        return String.format(Locale.ROOT, "%s, a number with one of the units %s", dimension.description(),
                String.join(", ", new TreeSet<>(dimension.units().keySet())));
    }

    /**
     * An SI value in the largest unit that keeps its number at 1 or more, to five significant digits: 4.4e10 bytes
     * is {@code "44 GB"}, 2.1e16 bytes/s {@code "21 PB/s"}; money is whole dollars ({@code "$450,000"}) and a
     * plain number has no unit ({@code "2,048"}).
     */
    public static String format(double value, Dimension dimension) {
        if (dimension == Dimension.MONEY) {
            return "$" + Units.decimal(Math.round(value), 20);
        }
        List<String> units = DISPLAY.get(dimension);
        if (units == null) {
            return Units.decimal(value, DIGITS);
        }
        String unit = units.get(0);
        for (String candidate : units) {
            if (Math.abs(value) >= dimension.units().get(candidate)) {
                unit = candidate;
            }
        }
        return Units.decimal(value / dimension.units().get(unit), DIGITS) + " " + unit;
    }
}
