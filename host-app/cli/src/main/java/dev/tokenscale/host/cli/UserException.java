package dev.tokenscale.host.cli;

/** A mistake in what the user asked for: printed as one line, exit code 1, never a stack trace. */
public final class UserException extends RuntimeException {
    public UserException(String message) {
        super(message);
    }
}
