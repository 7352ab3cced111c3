package dev.tokenscale.host.runtime;

import dev.tokenscale.api.ModelArchitecture;
import dev.tokenscale.host.engine.Accelerator;
import java.util.List;

/**
 * A snapshot of what the plugins provide right now, in plain types for the engines.
 *
 * @param accelerators every usable system, sorted by id
 * @param models       every model, sorted by id
 */
public record Installed(List<Accelerator> accelerators, List<ModelArchitecture> models) {
    public Installed {
        accelerators = List.copyOf(accelerators);
        models = List.copyOf(models);
    }
}
