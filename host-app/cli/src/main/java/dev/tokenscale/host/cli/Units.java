package dev.tokenscale.host.cli;

import java.util.Locale;

/** Human forms of SI values for tables: {@code 44 GB}, {@code 21 PB/s}, {@code 3.2 ms}, {@code 1,234}. */
public final class Units {

    private static final String[] DECIMAL = {"", "k", "M", "G", "T", "P", "E"};

    private Units() {
    }

    /** A value with a decimal prefix and unit, three significant figures: {@code 4.8 TB/s}. */
    public static String si(double value, String unit) {
        if (value == 0 || !Double.isFinite(value)) {
            return (Double.isFinite(value) ? "0 " : "- ") + unit;
        }
        int index = 0;
        double scaled = value;
        while (Math.abs(scaled) >= 1000 && index < DECIMAL.length - 1) {
            scaled /= 1000;
            index++;
        }
        String prefix = DECIMAL[index];
        if (prefix.equals("k") && !unit.equals("W")) {
            prefix = "K";
        }
        return significant(scaled) + " " + prefix + unit;
    }

    /** Seconds in s, ms, us or ns. */
    public static String seconds(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "-";
        }
        double abs = Math.abs(seconds);
        if (abs >= 1) {
            return significant(seconds) + " s";
        } else if (abs >= 1e-3) {
            return significant(seconds * 1e3) + " ms";
        } else if (abs >= 1e-6) {
            return significant(seconds * 1e6) + " us";
        }
        return significant(seconds * 1e9) + " ns";
    }

    /** A count with thousands separators, no decimals: {@code 12,345}. */
    public static String count(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%,.0f", value) : "-";
    }

    /** A parameter count in B or T (M below a billion): {@code 116.8B}, {@code 1.03T}. */
    public static String parameters(double count) {
        if (count >= 1e12) {
            return String.format(Locale.ROOT, "%.2fT", count / 1e12);
        }
        return count >= 1e9 ? String.format(Locale.ROOT, "%.1fB", count / 1e9)
                : String.format(Locale.ROOT, "%.1fM", count / 1e6);
    }

    /** Dollars: {@code $1.23} below 100, else whole dollars with separators. */
    public static String dollars(double value) {
        if (!Double.isFinite(value)) {
            return "-";
        }
        return value < 100 ? String.format(Locale.ROOT, "$%.2f", value) : String.format(Locale.ROOT, "$%,.0f", value);
    }

    private static String significant(double value) {
        double abs = Math.abs(value);
        String text = abs >= 100 ? String.format(Locale.ROOT, "%.0f", value)
                : abs >= 10 ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%.2f", value);
        if (text.contains(".")) {
            text = text.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return text;
    }
}
