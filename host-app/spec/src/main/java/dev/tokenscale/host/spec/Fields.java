package dev.tokenscale.host.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenscale.api.Figure;
import dev.tokenscale.api.SourcedText;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The one reader of typed fields: checks and converts what a file wrote (a value Jackson bound, a JSON node, a text
 * cell of a table) and names the file and the field in every error, so that every reader of spec, model,
 * calibration, measurement and Hugging Face files says the same thing the same way.
 */
public final class Fields {

    /**
     * What a numeric figure must satisfy. Every range is bounded by {@link #LARGEST} (and a positive value by its
     * inverse) so that the engines' products and quotients of a few figures stay finite: no published figure comes
     * near either bound (the largest, a wafer's FLOP/s, is about 1e17; the smallest, a hop latency, about 1e-7 s).
     */
    public enum Range {
        POSITIVE("a value above zero, from 1e-30 to 1e30"),
        NON_NEGATIVE("a value of zero or more, up to 1e30"),
        FRACTION("a value above 0 and at most 1, from 0.000001"),
        /** A measured step or prefill: an hour is not a serving measurement, a nanosecond moves no weights. */
        STEP("a time from 1e-9 to 3600 s");

        /** The largest magnitude any figure may have. */
        public static final double LARGEST = 1e30;

        private final String expected;

        Range(String expected) {
            this.expected = expected;
        }

        /** Whether a value is in the range (never when it is NaN). */
        public boolean accepts(double value) {
            return switch (this) {
                case POSITIVE -> value >= 1 / LARGEST && value <= LARGEST;
                case NON_NEGATIVE -> value >= 0 && value <= LARGEST;
                case FRACTION -> value >= 1e-6 && value <= 1;
                case STEP -> value >= 1e-9 && value <= 3600;
            };
        }
    }

    private final String file;
    private final int line;

    /** The fields of a file, named by their paths ({@code memory[0].capacity}). */
    public Fields(String file) {
        this(file, 0);
    }

    private Fields(String file, int line) {
        this.file = file;
        this.line = line;
    }

    /** The cells of one line of a table, named by their columns ({@code line 3, column 'batch'}). */
    public static Fields row(String file, int line) {
        return new Fields(file, line);
    }

    public String file() {
        return file;
    }

    public SpecException error(String path, String problem) {
        return line > 0 ? new SpecException(file, "", "line " + line + ", column '" + path + "': " + problem)
                : new SpecException(file, path, problem);
    }

    /** A required figure. */
    public Figure figure(String path, FigureFile written, Dimension dimension, Range range) throws SpecException {
        if (written == null) {
            throw error(path, "missing; expected {value: ..., source: ...} with " + Quantities.expected(dimension));
        }
        return present(path, written, dimension, range);
    }

    /** An optional figure: {@code null} when absent. */
    public Figure optionalFigure(String path, FigureFile written, Dimension dimension, Range range) throws SpecException {
        return written == null ? null : present(path, written, dimension, range);
    }

    private Figure present(String path, FigureFile written, Dimension dimension, Range range) throws SpecException {
        String source = source(path, written.source());
        return new Figure(quantity(path + ".value", written.value(), dimension, range), source, written.note());
    }

    /** A required text fact with its source. */
    public SourcedText text(String path, FigureFile written) throws SpecException {
        if (written == null || written.value() == null || String.valueOf(written.value()).isBlank()) {
            throw error(path, "missing; expected {value: text, source: ...}");
        }
        return new SourcedText(String.valueOf(written.value()), source(path, written.source()), written.note());
    }

    private String source(String path, String source) throws SpecException {
        if (source == null || source.isBlank()) {
            throw error(path + ".source", "missing; every figure needs a source: a URL or \"estimate: why\"");
        }
        String trimmed = source.trim();
        if (!HardwareReader.isSource(trimmed)) {
            throw error(path + ".source", "'" + SpecMapper.quoted(trimmed)
                    + "': expected a URL (https://...), \"estimate: why\" or "
                    + "\"calibrated: measurements, rows, date\"");
        }
        return trimmed;
    }

    /** A required plain string. */
    public String required(String path, String value) throws SpecException {
        if (value == null || value.isBlank()) {
            throw error(path, "missing; expected a non-empty text");
        }
        return value.trim();
    }

    /** A required id: lowercase letters, digits and dashes. */
    public String id(String path, String value) throws SpecException {
        String id = required(path, value);
        if (!id.matches("[a-z0-9][a-z0-9.-]*")) {
            throw error(path, "'" + SpecMapper.quoted(id)
                    + "': expected lowercase letters, digits, dots and dashes");
        }
        return id;
    }

    /** An enum constant written in any case, with dashes for underscores. */
    public <E extends Enum<E>> E enumValue(String path, String value, Class<E> type) throws SpecException {
        String written = required(path, value);
        String key = written.toUpperCase(Locale.ROOT).replace('-', '_');
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(key)) {
                return constant;
            }
        }
        throw error(path, "'" + SpecMapper.quoted(written) + "': expected one of "
                + Arrays.stream(type.getEnumConstants())
                .map(Fields::spelling).collect(Collectors.joining(", ")));
    }

    /** How files spell an enum constant: lowercase, with dashes for underscores ({@code scale-out}). */
    public static String spelling(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** A required whole number above 0. */
    public int positive(String path, Object written) throws SpecException {
        Long value = whole(path, written, 1);
        if (value == null) {
            throw error(path, "missing; expected " + wholeNumber(1));
        }
        return value.intValue();
    }

    /** An optional whole number of 0 or more: 0 when absent. */
    public int nonNegative(String path, Object written) throws SpecException {
        Long value = whole(path, written, 0);
        return value == null ? 0 : value.intValue();
    }

    /**
     * A whole number of {@code min} or more (and at most {@link Integer#MAX_VALUE}), written as a number, a numeric
     * JSON node or a text cell; {@code null} when absent, JSON null or an empty cell.
     */
    public Long whole(String path, Object written, long min) throws SpecException {
        Object value = written instanceof JsonNode node ? (node.isNull() || node.isMissingNode() ? null
                : node.isNumber() ? node.numberValue() : node.toString()) : written;
        if (value == null || value instanceof String text && text.isBlank()) {
            return null;
        }
        Long parsed = null;
        if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
                && Math.abs(number.doubleValue()) <= Long.MAX_VALUE) {
            parsed = number.longValue();
        } else if (value instanceof String text && text.strip().matches("-?[0-9]{1,18}")) {
            parsed = Long.parseLong(text.strip());
        }
        if (parsed == null || parsed < min || parsed > Integer.MAX_VALUE) {
            throw error(path, "'" + SpecMapper.quoted(String.valueOf(value)) + "': expected " + wholeNumber(min));
        }
        return parsed;
    }

    /** A required whole number from 1 to {@code max}. */
    public int positive(String path, Object written, int max) throws SpecException {
        return atMost(path, positive(path, written), max);
    }

    /** An optional whole number from 0 to {@code max}: 0 when absent. */
    public int nonNegative(String path, Object written, int max) throws SpecException {
        return atMost(path, nonNegative(path, written), max);
    }

    private int atMost(String path, int value, int max) throws SpecException {
        if (value > max) {
            throw error(path, "'" + value + "'; expected a whole number up to " + String.format(Locale.ROOT, "%,d",
                    max));
        }
        return value;
    }

    /** How errors ask for a whole number of {@code min} or more. */
    public static String wholeNumber(long min) {
        return "a whole number of " + min + " or more";
    }

    /** A required quantity of this dimension within a range, written as a number or with a unit ({@code 5.9 ms}). */
    public double quantity(String path, Object written, Dimension dimension, Range range) throws SpecException {
        if (written == null || written instanceof String text && text.isBlank()) {
            throw error(path, "missing; expected " + Quantities.expected(dimension));
        }
        double value;
        try {
            value = Quantities.parse(written, dimension);
        } catch (IllegalArgumentException e) {
            throw error(path, "'" + SpecMapper.quoted(String.valueOf(written)) + "': " + e.getMessage());
        }
        if (!range.accepts(value)) {
            throw error(path, "'" + SpecMapper.quoted(String.valueOf(written)) + "': expected " + range.expected);
        }
        return value;
    }
}
