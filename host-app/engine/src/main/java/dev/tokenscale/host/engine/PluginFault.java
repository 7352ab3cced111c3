package dev.tokenscale.host.engine;

/**
 * A family's execution model failed: it threw, or answered with no timing, a negative time or one that is not a
 * number. The systems of that family cannot be estimated; every other system can, so callers that serve several
 * systems report this one as failed and go on.
 */
public final class PluginFault extends RuntimeException {

    private final String family;

    public PluginFault(String family, String problem, Throwable cause) {
        super("family '" + family + "' failed: " + problem, cause);
        this.family = family;
    }

    /** What a plugin's exception says, for a person: its message, or its kind when it has none. */
    public static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message.lines().findFirst()
                .orElse("").strip();
    }

    /** The id of the family whose model failed. */
    public String family() {
        return family;
    }
}
