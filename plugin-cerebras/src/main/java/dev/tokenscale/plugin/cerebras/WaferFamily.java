package dev.tokenscale.plugin.cerebras;

import dev.tokenscale.api.AcceleratorFamily;
import dev.tokenscale.api.AcceleratorSpec;
import dev.tokenscale.api.ExecutionModel;
import org.osgi.service.component.annotations.Component;

/**
 * Wafer-scale SRAM: weights and KV cache stay resident in on-wafer SRAM, every matrix op runs on a region of the
 * mesh sized for it, and a token walks op by op across the wafer and hop by hop across wafers. Decode is bound by
 * the ops' fixed overheads and mesh crossings, not by bandwidth; see {@link WaferExecutionModel}.
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
        return "wafer-scale SRAM: weights stationary on the wafer, per-op mesh crossing and overhead, hops between wafers";
    }

    @Override
    public ExecutionModel executionModel(AcceleratorSpec spec) {
        return new WaferExecutionModel(spec);
    }
}
