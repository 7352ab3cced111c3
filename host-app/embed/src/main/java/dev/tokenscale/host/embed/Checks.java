package dev.tokenscale.host.embed;

import java.util.List;

/** The checks that request records share; each throws {@link InvalidInputException} naming the field. */
final class Checks {

    private Checks() {
    }

    /** The serving and search fields that estimate and place requests share. */
    static void search(int batch, long context, long prompt, double minInteractivity, int maxDevices) {
        Limit.BATCH.check("batch", batch);
        Limit.TOKENS.check("context", context);
        Limit.TOKENS.check("prompt", prompt);
        if (prompt > context) {
            throw InvalidInputException.field("prompt", prompt, "at most the context's " + context
                    + " tokens: a sequence's cache holds its prompt");
        }
        Limit.MIN_INTERACTIVITY.check("minInteractivity", minInteractivity);
        Limit.DEVICES.check("maxDevices", maxDevices);
    }

    /** A sweep's context and prompt: a request's context is its prompt plus at least one output token. */
    static void sweep(long context, long prompt) {
        Limit.TOKENS.check("context", context);
        Limit.TOKENS.check("prompt", prompt);
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
