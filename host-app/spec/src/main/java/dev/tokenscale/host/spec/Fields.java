package dev.tokenscale.host.spec;

import dev.tokenscale.api.Figure;
import dev.tokenscale.api.SourcedText;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Checks and converts the fields of one file, naming the file and the field path in every error. */
public final class Fields {

    /**
     * What a numeric figure must satisfy. Every range is bounded by {@link #LARGEST} (and a positive value by its
     * inverse) so that the engines' products and quotients of a few figures stay finite: no published figure comes
     * near either bound (the largest, a wafer's FLOP/s, is about 1e17; the smallest, a hop latency, about 1e-7 s).
     */
    public enum Range {
        POSITIVE("a value above zero, from 1e-30 to 1e30"),
        NON_NEGATIVE("a value of zero or more, up to 1e30"),
        FRACTION("a value above 0 and at most 1, from 0.000001");

        /** The largest magnitude any figure may have. */
        public static final double LARGEST = 1e30;

        private final String expected;

        Range(String expected) {
            this.expected = expected;
        }

        boolean accepts(double value) {
            return switch (this) {
                case POSITIVE -> value >= 1 / LARGEST && value <= LARGEST;
                case NON_NEGATIVE -> value >= 0 && value <= LARGEST;
                case FRACTION -> value >= 1e-6 && value <= 1;
            };
        }
    }

    private final String file;

    public Fields(String file) {
        this.file = file;
    }

    public String file() {
        return file;
    }

    public SpecException error(String path, String problem) {
        return new SpecException(file, path, problem);
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
        if (written.value() == null) {
            throw error(path + ".value", "missing; expected " + Quantities.expected(dimension));
        }
        double value;
        try {
            value = Quantities.parse(written.value(), dimension);
        } catch (IllegalArgumentException e) {
            throw error(path + ".value", "'" + SpecMapper.quoted(String.valueOf(written.value())) + "': "
                    + e.getMessage());
        }
        if (!range.accepts(value)) {
            throw error(path + ".value", "'" + SpecMapper.quoted(String.valueOf(written.value())) + "': expected "
                    + range.expected);
        }
        return new Figure(value, source, written.note());
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
    <E extends Enum<E>> E enumValue(String path, String value, Class<E> type) throws SpecException {
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

    /** A required whole number from 1 to {@code max}. */
    public int positive(String path, Integer value, int max) throws SpecException {
        if (value == null || value <= 0 || value > max) {
            throw error(path, (value == null ? "missing" : "'" + value + "'") + "; expected a whole number from 1 to "
                    + String.format(Locale.ROOT, "%,d", max));
        }
        return value;
    }

    /** An optional whole number from 0 to {@code max}: 0 when absent. */
    public int nonNegative(String path, Integer value, int max) throws SpecException {
        if (value == null) {
            return 0;
        }
        if (value < 0 || value > max) {
            throw error(path, "'" + value + "'; expected a whole number from 0 to "
                    + String.format(Locale.ROOT, "%,d", max));
        }
        return value;
    }
}
