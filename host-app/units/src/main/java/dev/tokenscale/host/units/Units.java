package dev.tokenscale.host.units;

import java.math.BigDecimal;
import java.math.MathContext;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * The one formatter of quantities for people, shared by every module that writes them (engine messages, spec files,
 * plugin checks, the CLI): {@code 44 GB}, {@code 21 PB/s}, {@code 10.2 kW}, {@code 305 ns}, {@code 1,234}. Decimal SI
 * prefixes throughout; a thousand bytes is {@code K} (KB, KB/s, the spelling spec files use) and a thousand of
 * anything else is {@code k} (kW, ktok/s).
 */
public final class Units {

    private static final String[] BIG = {"", "k", "M", "G", "T", "P", "E"};
    private static final String[] SMALL = {"", "m", "u", "n", "p"};

    private Units() {
    }

    /** A value with a decimal prefix and unit, three significant figures: {@code 4.8 TB/s}, {@code 305 ns}. */
    public static String si(double value, String unit) {
        if (value == 0 || !Double.isFinite(value)) {
            return (Double.isFinite(value) ? "0 " : "- ") + unit;
        }
        double scaled = Math.abs(value);
        int big = 0;
        while (scaled >= 1000 && big < BIG.length - 1) {
            scaled /= 1000;
            big++;
        }
        int small = 0;
        while (scaled < 1 && small < SMALL.length - 1) {
            scaled *= 1000;
            small++;
        }
        return significant(Math.copySign(scaled, value)) + " " + (big > 0 ? prefix(big, unit) : SMALL[small]) + unit;
    }

    /** The prefix for 1000^power of a unit: {@code K} for bytes, as spec files write them, else the SI {@code k}. */
    private static String prefix(int power, String unit) {
        return power == 1 && unit.startsWith("B") ? "K" : BIG[power];
    }

    /** Seconds in s, ms, us or ns: {@code 3.2 ms}. */
    public static String seconds(double seconds) {
        return Double.isFinite(seconds) && Math.abs(seconds) >= 1 ? significant(seconds) + " s" : si(seconds, "s");
    }

    /** Bytes in gigabytes, for messages that compare sizes: {@code 812 GB}, {@code 1,030 GB}, {@code 0.576 GB}. */
    public static String gigabytes(double bytes) {
        double gb = bytes / 1e9;
        return (gb >= 100 ? String.format(Locale.ROOT, "%,.0f", gb) : String.format(Locale.ROOT, "%.3g", gb)) + " GB";
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

    /** Dollars as people write large sums: {@code $950K}, {@code $25.1M}, {@code $6.46B}. */
    public static String bigDollars(double value) {
        String[] suffixes = {"", "K", "M", "B", "T"};
        int index = 0;
        double scaled = value;
        while (Math.abs(scaled) >= 1000 && index < suffixes.length - 1) {
            scaled /= 1000;
            index++;
        }
        return "$" + significant(scaled) + suffixes[index];
    }

    /**
     * A number to {@code digits} significant digits, trailing zeros dropped, thousands grouped: {@code 15.625},
     * {@code 46,225}. For values that must read back exactly, such as spec files.
     */
    public static String decimal(double value, int digits) {
        DecimalFormat format = new DecimalFormat("#,##0.##########", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return format.format(new BigDecimal(value).round(new MathContext(digits)).stripTrailingZeros());
    }

    /** Three significant figures, trailing zeros dropped: {@code 4.8}, {@code 21.9}, {@code 305}. */
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
