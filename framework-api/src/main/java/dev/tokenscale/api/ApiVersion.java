package dev.tokenscale.api;

/**
 * The version of this API's exported package, as one constant that bnd (through
 * {@code package-info.java}) and the host (when it exports the package from the system bundle) both read.
 * Semantic versioning: a breaking change is a new major version.
 */
public final class ApiVersion {
    /** The exported package version. */
    public static final String VALUE = "1.2.0";

    private ApiVersion() {
    }
}
