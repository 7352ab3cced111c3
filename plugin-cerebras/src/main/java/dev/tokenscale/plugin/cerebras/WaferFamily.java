package dev.tokenscale.plugin.cerebras;

import dev.tokenscale.api.AcceleratorFamily;
import dev.tokenscale.api.AcceleratorSpec;
import dev.tokenscale.api.ExecutionModel;
import org.osgi.service.component.annotations.Component;

/**
 * Wafer-scale SRAM: weights and KV cache stay resident in on-wafer SRAM, each layer owns a region of the mesh, and
 * a token walks layer by layer across the wafer. Decode is bound by the chain of per-layer mesh reductions, not by
 * bandwidth; see {@link WaferExecutionModel}.
 */
@Component(service = AcceleratorFamily.class,
        property = AcceleratorFamily.SERVICE_PROPERTY_ID + "=" + WaferFamily.ID)
public final class WaferFamily implements AcceleratorFamily {

    /** The id that wafer specs name in their {@code family} field. */
    public static final String ID = "cerebras-wafer";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "wafer-scale SRAM: weights stationary on the wafer, per-layer mesh-reduction latency, hops between wafers";
    }

    @Override
    public ExecutionModel executionModel(AcceleratorSpec spec) {
        return new WaferExecutionModel(spec);
    }
}
