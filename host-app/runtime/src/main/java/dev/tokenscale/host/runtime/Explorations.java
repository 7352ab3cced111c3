package dev.tokenscale.host.runtime;

import dev.tokenscale.api.ModelArchitecture;
import dev.tokenscale.host.engine.Economics;
import dev.tokenscale.host.engine.Workload;
import dev.tokenscale.host.explore.Derivation;
import dev.tokenscale.host.explore.DesignException;
import dev.tokenscale.host.explore.Exploration;
import dev.tokenscale.host.spec.silicon.SiliconData;
import java.util.function.Function;

/** Sweeps of derived designs on a running host: references and families come from its installed plugins. */
public final class Explorations {

    private Explorations() {
    }

    /**
     * What a sweep on this host needs: each design's reference is an installed system's declared spec, and each
     * derived spec runs through the family its reference names.
     */
    public static Exploration.Setup setup(PluginHost host, SiliconData silicon,
                                          Function<ModelArchitecture, Workload> workload, Economics economics) {
        return new Exploration.Setup(new Derivation(silicon),
                id -> host.declaredSpec(id).orElseThrow(() -> new DesignException("reference: no installed "
                        + "hardware '" + id + "' to start from")),
                spec -> host.accelerator(spec, "explore"), workload, economics);
    }
}
