package dev.tokenscale.host.spec;

/**
 * A spec or model file that cannot be used, with everything a user needs to fix it: the file, the field path, the
 * value found and what was expected.
 */
public final class SpecException extends Exception {

    private final String file;
    private final String field;

    public SpecException(String file, String field, String problem) {
        super(file + ": " + (field == null || field.isEmpty() ? "" : "field '" + field + "': ") + problem);
        this.file = file;
        this.field = field;
    }

    /** The file (or bundle resource) that holds the problem. */
    public String file() {
        return file;
    }

    /** The path of the offending field, e.g. {@code memory[0].capacity.value}; empty for a syntax error. */
    public String field() {
        return field;
    }
}
