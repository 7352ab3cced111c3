package dev.tokenscale.host.explore;

/** A design that cannot be built, in one line that names the parameter and its value and says why. */
public final class DesignException extends IllegalArgumentException {

    public DesignException(String message) {
        super(message);
    }
}
