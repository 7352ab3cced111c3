package dev.tokenscale.host.embed;

/**
 * The output sink of the host: one line for each plugin, file or spec that it skips (a jar that is not a bundle, a
 * spec no installed family accepts, a second model with the same id), each said once. The host binds it to SLF4J
 * warnings; bind your own in a Guice module given to {@link Tokenscale.Builder#with} to show them elsewhere.
 */
@FunctionalInterface
public interface Notices {

    /** One line for a person. */
    void notice(String line);
}
