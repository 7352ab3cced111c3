package dev.tokenscale.host.embed;

/**
 * Progress of the long calls ({@link Tokenscale#compare}, {@link Tokenscale#fleet}): told after each system's sweep.
 * The host binds one that does nothing; bind your own in a Guice module given to {@link Tokenscale.Builder#with}.
 * Calls come from the threads that sweep, so an implementation must be thread-safe.
 */
@FunctionalInterface
public interface Progress {

    /**
     * A system's sweep is finished.
     *
     * @param hardware the system's id
     * @param done     how many systems of this call are finished, this one included
     * @param total    how many systems this call sweeps
     */
    void swept(String hardware, int done, int total);
}
