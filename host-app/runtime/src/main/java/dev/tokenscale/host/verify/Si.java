package dev.tokenscale.host.verify;

import java.math.BigDecimal;
import java.math.MathContext;

/** Formats SI quantities for check details: {@code 3e14, "B/s"} is {@code "300 TB/s"}. */
final class Si {

    private static final String[] BIG = {"", "k", "M", "G", "T", "P", "E"};
    private static final String[] SMALL = {"", "m", "u", "n", "p"};

    private Si() {
    }

    static String format(double value, String unit) {
        if (!Double.isFinite(value) || value == 0) {
            return value + " " + unit;
        }
        double scaled = Math.abs(value);
        String prefix = "";
        if (scaled >= 1) {
            int i = 0;
            while (scaled >= 1000 && i < BIG.length - 1) {
                scaled /= 1000;
                i++;
            }
            prefix = BIG[i];
        } else {
            int i = 0;
            while (scaled < 1 && i < SMALL.length - 1) {
                scaled *= 1000;
                i++;
            }
            prefix = SMALL[i];
        }
        return new BigDecimal(Math.copySign(scaled, value)).round(new MathContext(3)).stripTrailingZeros()
                .toPlainString() + " " + prefix + unit;
    }
}
