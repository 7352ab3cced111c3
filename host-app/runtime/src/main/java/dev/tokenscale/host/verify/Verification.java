package dev.tokenscale.host.verify;

import java.util.List;

/**
 * The conformance report of one plugin jar. Field names are part of the documented JSON of
 * {@code plugin verify --json}.
 *
 * @param jar    the jar that was checked
 * @param plugin its bundle symbolic name, or the file name when it is not a bundle
 * @param checks every check, in the order they ran
 */
public record Verification(String jar, String plugin, List<Check> checks) {
    public Verification {
        checks = List.copyOf(checks);
    }

    /** Whether no check failed. */
    public boolean passed() {
        return checks.stream().noneMatch(c -> c.result() == Check.Result.FAIL);
    }
}
