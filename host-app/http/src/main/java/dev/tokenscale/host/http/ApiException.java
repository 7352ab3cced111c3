package dev.tokenscale.host.http;

/**
 * A request the API refuses, answered as {@code {"error": {"code", "message"}}} with its HTTP status. Handlers
 * throw it for user mistakes (4xx); anything else a handler throws becomes a 500.
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String code;

    /**
     * @param status  HTTP status, e.g. 400
     * @param code    stable machine-readable code, e.g. {@code "bad_request"}
     * @param message one line for a human
     */
    public ApiException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    /** A 400: the request is malformed or names something invalid. */
    public static ApiException badRequest(String message) {
        return new ApiException(400, "bad_request", message);
    }

    /** A 404: the request names something that does not exist. */
    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message);
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** The machine-readable code. */
    public String code() {
        return code;
    }
}
