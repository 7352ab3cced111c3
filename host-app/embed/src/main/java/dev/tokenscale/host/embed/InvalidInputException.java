package dev.tokenscale.host.embed;

import java.util.Locale;

/**
 * A mistake in what a caller asked for: a request field out of range, an unknown model or hardware id, a plugin
 * folder or spec file that does not exist or does not load. The message is one line for a person; {@link #field()}
 * names the request field at fault, when there is one, so that each face can name it its own way (the CLI as an
 * option, {@code --max-devices}; HTTP as a JSON field, {@code maxDevices}).
 */
public final class InvalidInputException extends IllegalArgumentException {

    private final String field;

    /** A mistake not tied to one field, e.g. an unknown model id with the nearest ids as advice. */
    public InvalidInputException(String message) {
        this(null, message);
    }

    private InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** A field whose value is out of range: the message is {@code field value: expected ...}. */
    public static InvalidInputException field(String field, Object value, String expected) {
        return new InvalidInputException(field, field + " " + value + ": expected " + expected);
    }

    /** A field whose value the rest of the request rules out: the message is {@code field: why}. */
    public static InvalidInputException field(String field, String why) {
        return new InvalidInputException(field, field + ": " + why);
    }

    /** The request field at fault, e.g. {@code batch} or {@code placement.tensorParallel}, or {@code null}. */
    public String field() {
        return field;
    }

    /**
     * The message with the field named as a command-line option: {@code batch 0: ...} becomes {@code --batch 0: ...},
     * {@code speculative.draftLength 0: ...} becomes {@code --speculative draftLength 0: ...}.
     */
    public String optionMessage() {
        if (field == null) {
            return getMessage();
        }
        int dot = field.indexOf('.');
        String top = dot < 0 ? field : field.substring(0, dot);
        return "--" + top.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT)
                + (dot < 0 ? "" : " " + field.substring(dot + 1)) + getMessage().substring(field.length());
    }
}
