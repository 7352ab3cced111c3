package dev.tokenscale.host.runtime;

import dev.tokenscale.api.AcceleratorSpec;
import dev.tokenscale.api.ModelArchitecture;
import java.util.List;

/**
 * The data one plugin declares: hardware specs and models that parsed, and one line per file that did not.
 *
 * @param hardware specs with where each came from
 * @param models   models with where each came from
 * @param errors   one line per rejected file
 */
record PluginData(List<Sourced<AcceleratorSpec>> hardware, List<Sourced<ModelArchitecture>> models,
                  List<String> errors) {

    /** A value and where it was read from. */
    record Sourced<T>(T value, String origin) {
    }

    PluginData {
        hardware = List.copyOf(hardware);
        models = List.copyOf(models);
        errors = List.copyOf(errors);
    }
}
