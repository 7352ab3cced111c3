package dev.tokenscale.host.embed;

import java.util.List;

/**
 * One plugin as the host sees it: a bundle jar, or a spec-only file. The fields are those of
 * {@code tokenscale plugins --json} and {@code GET /plugins}.
 *
 * @param name     bundle symbolic name, or the file name of a spec-only file or a jar that is not a bundle
 * @param version  bundle version, or empty
 * @param state    ACTIVE, RESOLVED, INSTALLED, FAILED (could not be installed or started) or LOADED (a spec file)
 * @param location the jar or file path
 * @param provides what the plugin contributes
 * @param error    a one-line reason when something went wrong, else {@code null}
 */
public record Plugin(String name, String version, String state, String location, Provides provides, String error) {

    /**
     * What a plugin contributes.
     *
     * @param families accelerator family ids (code)
     * @param hardware hardware spec ids (data)
     * @param models   model ids (data)
     */
    public record Provides(List<String> families, List<String> hardware, List<String> models) {
        public Provides {
            families = List.copyOf(families);
            hardware = List.copyOf(hardware);
            models = List.copyOf(models);
        }
    }
}
