package dev.tokenscale.host.spec;

import java.util.Locale;
import java.util.TreeSet;

/** Parses human quantities such as {@code "44 GB"}, {@code "21 PB/s"}, {@code "700 W"} or {@code 1.2e12} to SI. */
public final class Quantities {

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
        int split = 0;
        while (split < trimmed.length() && "0123456789.eE+-".indexOf(trimmed.charAt(split)) >= 0) {
            split++;
        }
        String numberPart = trimmed.substring(0, split);
        String unitPart = trimmed.substring(split).trim();
        double number;
        try {
            number = Double.parseDouble(numberPart);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected " + expected(dimension));
        }
        if (unitPart.isEmpty()) {
            return number;
        }
        Double factor = dimension.units().get(unitPart);
        if (factor == null) {
            throw new IllegalArgumentException("unknown unit '" + unitPart + "'; expected " + expected(dimension));
        }
        return number * factor;
    }

    /** What a field of this dimension accepts, for error messages. */
    public static String expected(Dimension dimension) {
        if (dimension.units().isEmpty()) {
            return dimension.description();
        }
        return String.format(Locale.ROOT, "%s, a number with one of the units %s", dimension.description(),
                String.join(", ", new TreeSet<>(dimension.units().keySet())));
    }
}
