package dev.tokenscale.plugin.nvidia;

import dev.tokenscale.api.AcceleratorFamily;
import dev.tokenscale.api.AcceleratorSpec;
import dev.tokenscale.api.ExecutionModel;
import dev.tokenscale.api.roofline.RooflineExecutionModel;
import org.osgi.service.component.annotations.Component;

/**
 * HBM GPUs: each decode step streams the weights it touches from HBM, shared by the batch, plus every sequence's
 * KV cache, with a fixed launch cost per kernel. That is the roofline, so the family uses it with its own
 * calibrated parameters.
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
        return "HBM GPU: weights and KV cache streamed from HBM every decode step, plus per-kernel launch latency";
    }

    @Override
    public ExecutionModel executionModel(AcceleratorSpec spec) {
        return new RooflineExecutionModel(spec);
    }
}
