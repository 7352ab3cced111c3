package dev.tokenscale.host.embed;

import java.util.List;

/** The range checks that request records share; each throws {@link InvalidInputException} naming the field. */
final class Checks {

    private Checks() {
    }

    /** A whole number of 1 or more. */
    static void atLeastOne(String field, long value) {
        if (value < 1) {
            throw InvalidInputException.field(field, value, "a whole number of 1 or more");
        }
    }

    /** The serving and search fields that estimate and place requests share. */
    static void search(int batch, long context, long prompt, double minInteractivity, int maxDevices) {
        atLeastOne("batch", batch);
        atLeastOne("context", context);
        atLeastOne("prompt", prompt);
        notNegative("minInteractivity", minInteractivity);
        atLeastOne("maxDevices", maxDevices);
    }

    /** A sweep's context and prompt: a request's context is its prompt plus at least one output token. */
    static void sweep(long context, long prompt) {
        atLeastOne("prompt", prompt);
        if (context <= prompt) {
            throw InvalidInputException.field("context", context, "more than the prompt's " + prompt
                    + " tokens: a request's context is its prompt plus its output");
        }
    }

    /** A list of ids: trimmed, each once, none blank; {@code null} is the empty list. */
    static List<String> ids(String field, List<String> ids) {
        if (ids == null) {
            return List.of();
        }
        return ids.stream().map(id -> id(field, id)).distinct().toList();
    }

    /** A finite number of 0 or more. */
    static void notNegative(String field, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw InvalidInputException.field(field, value, "a number of 0 or more");
        }
    }

    /** A finite number above 0. */
    static void positive(String field, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw InvalidInputException.field(field, value, "a number above 0");
        }
    }

    /** A non-blank id. */
    static String id(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field + " is required");
        }
        return value.trim();
    }

    /** {@code value}, or {@code fallback} when it is {@code null}. */
    static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
