package dev.tokenscale.host.spec;

import dev.tokenscale.host.spec.silicon.DesignParameter;
import dev.tokenscale.host.spec.silicon.Variation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses variations as written on a command line: {@code name=from:to:step} (inclusive; the step defaults to 1),
 * {@code name=a,b,c} or {@code name=value}; numbers may carry units ({@code clock=1GHz:1.4GHz:0.1GHz}). Every error
 * is an {@link IllegalArgumentException} whose one line starts with what was written.
 */
public final class Variations {

    /** More values than this in one variation is almost certainly a mistyped step. */
    static final int MOST_VALUES = 100_000;

    private Variations() {
    }

    /** The variation written so. */
    public static Variation parse(String written) {
        int equals = written.indexOf('=');
        if (equals < 1) {
            throw new IllegalArgumentException(written + ": expected NAME=FROM:TO:STEP or NAME=A,B,C with NAME one of "
                    + DesignParameter.spellings());
        }
        String name = written.substring(0, equals).trim();
        String values = written.substring(equals + 1).trim();
        DesignParameter parameter = DesignParameter.named(name).orElseThrow(() -> new IllegalArgumentException(
                written + ": unknown parameter '" + name + "'; expected one of " + DesignParameter.spellings()));
        List<Object> parsed = new ArrayList<>();
        if (values.contains(":")) {
            range(written, parameter, values.split(":", -1), parsed);
        } else {
            for (String value : values.split(",", -1)) {
                parsed.add(value(written, parameter, value));
            }
        }
        for (Object value : parsed) {
            parameter.problem(value).ifPresent(problem -> {
                throw new IllegalArgumentException(written + ": " + DesignParameter.show(value) + " " + problem);
            });
        }
        return new Variation(parameter, parsed);
    }

    private static void range(String written, DesignParameter parameter, String[] parts, List<Object> into) {
        if (parameter.kind() == DesignParameter.Kind.TEXT || parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException(written + ": " + (parameter.kind() == DesignParameter.Kind.TEXT
                    ? parameter.spelling() + " takes a list of ids (A,B,C), not a range" : "expected FROM:TO:STEP"));
        }
        BigDecimal from = decimal(written, parameter, parts[0]);
        BigDecimal to = decimal(written, parameter, parts[1]);
        BigDecimal step = parts.length == 3 ? decimal(written, parameter, parts[2]) : BigDecimal.ONE;
        if (step.signum() <= 0 || to.compareTo(from) < 0) {
            throw new IllegalArgumentException(written + ": expected FROM <= TO and a STEP above 0");
        }
        // In decimal, so that 0.3:0.8:0.05 ends on 0.8 exactly.
        for (BigDecimal v = from; v.compareTo(to) <= 0; v = v.add(step)) {
            if (into.size() == MOST_VALUES) {
                throw new IllegalArgumentException(written + ": more than " + MOST_VALUES + " values; expected a "
                        + "larger STEP");
            }
            into.add(v.doubleValue());
        }
    }

    private static BigDecimal decimal(String written, DesignParameter parameter, String text) {
        return new BigDecimal(String.valueOf(value(written, parameter, text)));
    }

    private static Object value(String written, DesignParameter parameter, String text) {
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException(written + ": an empty value");
        }
        if (parameter.kind() == DesignParameter.Kind.TEXT) {
            return trimmed.toLowerCase(Locale.ROOT);
        }
        try {
            return Quantities.parse(trimmed, SiliconReader.dimension(parameter));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(written + ": '" + trimmed + "': " + e.getMessage());
        }
    }
}
