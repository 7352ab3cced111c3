package dev.tokenscale.api;

/**
 * Manifest headers through which a bundle declares data resources. The host reads them (the OSGi extender
 * pattern), so a data-only plugin needs no Java at all. Each header is a comma-separated list of resource
 * folders or files inside the bundle; every {@code .yaml}, {@code .yml} or {@code .json} file found is loaded.
 */
public final class PluginHeaders {

    /** Hardware spec files, one {@link AcceleratorSpec} each. Example: {@code Tokenscale-Hardware: hardware/}. */
    public static final String HARDWARE = "Tokenscale-Hardware";

    /** Model files, one {@link ModelArchitecture} each. Example: {@code Tokenscale-Models: models/}. */
    public static final String MODELS = "Tokenscale-Models";

    private PluginHeaders() {
    }
}
