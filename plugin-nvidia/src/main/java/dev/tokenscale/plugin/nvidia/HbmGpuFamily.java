package dev.tokenscale.plugin.nvidia;

import dev.tokenscale.api.AcceleratorFamily;
import dev.tokenscale.api.AcceleratorSpec;
import dev.tokenscale.api.ExecutionModel;
import org.osgi.service.component.annotations.Component;

/**
 * HBM GPUs joined by NVLink switches: each decode step streams the weights it touches from HBM, shared by the batch,
 * plus every sequence's KV cache, with a fixed launch cost per kernel (the roofline), while collectives cost what
 * synchronising the peers of a switch domain costs ({@link NvlinkExecutionModel}).
 */
@Component(service = AcceleratorFamily.class,
        property = AcceleratorFamily.SERVICE_PROPERTY_ID + "=" + HbmGpuFamily.ID)
public final class HbmGpuFamily implements AcceleratorFamily {

    /** The id that NVIDIA specs name in their {@code family} field. */
    public static final String ID = "nvidia-hbm";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "HBM GPU: weights and KV cache streamed from HBM every decode step, plus per-kernel launch latency; "
                + "NVLink collectives cost a barrier plus a step per peer";
    }

    @Override
    public ExecutionModel executionModel(AcceleratorSpec spec) {
        return new NvlinkExecutionModel(spec);
    }
}
