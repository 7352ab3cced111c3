package dev.tokenscale.host.verify;

/**
 * One line of a conformance report. Field names are part of the documented JSON of {@code plugin verify --json}.
 *
 * @param check  what was checked, e.g. {@code "resolves"} or {@code "model acme-m1: deterministic"}
 * @param result PASS, FAIL or SKIP
 * @param detail what was found: the evidence for a pass, the precise reason for a failure
 */
public record Check(String check, Result result, String detail) {

    /** The outcome of one check. */
    public enum Result {
        PASS, FAIL,
        /** Not judged, because an earlier check it depends on failed or there was nothing to exercise. */
        SKIP
    }

    /** A passed check. */
    public static Check pass(String check, String detail) {
        return new Check(check, Result.PASS, detail);
    }

    /** A failed check. */
    public static Check fail(String check, String detail) {
        return new Check(check, Result.FAIL, detail);
    }

    /** A check that was not judged. */
    public static Check skip(String check, String detail) {
        return new Check(check, Result.SKIP, detail);
    }
}
