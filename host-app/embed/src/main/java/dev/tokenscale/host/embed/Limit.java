package dev.tokenscale.host.embed;

import dev.tokenscale.host.engine.Curves;
import dev.tokenscale.host.spec.HardwareReader;
import java.util.Locale;

/**
 * A range a number of a request accepts. Every number a user gives is checked against one where it enters, so the
 * engines never see a value the physics cannot use: a count that would overflow, a cost that would be infinite.
 * The bounds are far beyond any real deployment; {@code docs/cli.md} lists them.
 *
 * @param min      the smallest value, or the value every value must exceed when {@code aboveMin}
 * @param aboveMin whether {@code min} itself is refused
 * @param max      the largest value
 * @param whole    whether only whole numbers are accepted
 */
public record Limit(double min, boolean aboveMin, double max, boolean whole) {

    /** Sequences decoding together: the engines sweep batches up to this. */
    public static final Limit BATCH = whole(1, Curves.MAX_BATCH);
    /** Context or prompt tokens: a billion tokens, 100x the longest context any model declares. */
    public static final Limit TOKENS = whole(1, 1 << 30);
    /** Devices of a placement, and each of its factors: as many as a system may hold. */
    public static final Limit DEVICES = whole(1, HardwareReader.MAX_DEVICES);
    /** Placements listed. */
    public static final Limit TOP = whole(1, 10_000);
    /** Tokens drafted per verify step: beyond a few dozen the expected gain is flat at 1 / (1 - acceptance). */
    public static final Limit DRAFT_LENGTH = whole(1, 64);
    /** A tokens per user per second a request asks for (a target, a floor, a reading point). */
    public static final Limit INTERACTIVITY = new Limit(0, true, 1e6, false);
    /** A floor on tokens per user per second, where 0 means none. */
    public static final Limit MIN_INTERACTIVITY = new Limit(0, false, 1e6, false);
    /** A facility power budget in watts: 1 TW, about a third of the world's average electricity generation. */
    public static final Limit POWER_WATTS = new Limit(0, true, 1e12, false);
    /** Years over which capex is spread. */
    public static final Limit AMORTISATION_YEARS = new Limit(0, true, 100, false);
    /** Power usage effectiveness: 1 is a perfect facility; the worst surveyed are near 3. */
    public static final Limit PUE = new Limit(1, false, 10, false);
    /** Electricity price in USD per kWh. */
    public static final Limit DOLLARS_PER_KWH = new Limit(0, false, 100, false);
    /** Yearly operations as a fraction of capex. */
    public static final Limit OPEX_SHARE = new Limit(0, false, 10, false);
    /** Capex of one system in USD. */
    public static final Limit CAPEX_USD = new Limit(0, true, 1e12, false);
    /** IT power of one system in watts. */
    public static final Limit SYSTEM_WATTS = new Limit(0, true, 1e10, false);

    private static Limit whole(long min, long max) {
        return new Limit(min, false, max, true);
    }

    /** Whether the value is in the range (never when it is NaN). */
    public boolean accepts(double value) {
        return (aboveMin ? value > min : value >= min) && value <= max && (!whole || value == Math.rint(value));
    }

    /** Checks a value; the error names the field, the value and this range. */
    public void check(String field, double value) {
        if (!accepts(value)) {
            throw InvalidInputException.field(field, whole && Double.isFinite(value) && value == Math.rint(value)
                    ? String.format(Locale.ROOT, "%.0f", value) : String.valueOf(value), expected());
        }
    }

    /** The range in words, e.g. {@code a whole number from 1 to 65,536} or {@code a number above 0, up to 1e12}. */
    public String expected() {
        if (whole) {
            return String.format(Locale.ROOT, "a whole number from %,.0f to %,.0f", min, max);
        }
        return (aboveMin ? "a number above " + number(min) + ", up to " : "a number from " + number(min) + " to ")
                + number(max);
    }

    private static String number(double value) {
        return value >= 1e6 ? String.format(Locale.ROOT, "%.0e", value).replace("e+", "e").replace("e0", "e")
                : String.format(Locale.ROOT, "%,.0f", value);
    }
}
