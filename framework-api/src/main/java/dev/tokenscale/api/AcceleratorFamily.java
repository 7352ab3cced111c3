package dev.tokenscale.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A family of accelerators that executes the same way (HBM GPUs, wafer-scale SRAM, SRAM LPUs): the code half of
 * a hardware plugin. Plugins register it as an OSGi service; the host matches each {@link AcceleratorSpec} to the
 * family named by {@link AcceleratorSpec#family()}. Its systems are data, declared by
 * {@link PluginHeaders#HARDWARE}.
 */
@ConsumerType
public interface AcceleratorFamily {

    /** Service property that carries {@link #id()}, so the host can log a family before it is fetched. */
    String SERVICE_PROPERTY_ID = "tokenscale.family";

    /** Stable id that specs name in their {@code family} field, e.g. {@code "cerebras-wafer"}. */
    String id();

    /** One sentence: how this family executes decode. */
    String description();

    /**
     * The effective spec of a declared one. The default returns it unchanged; a family derives figures here that
     * its physics defines (e.g. stacked-SRAM capacity and bandwidth from the stack's layers and bonds).
     */
    default AcceleratorSpec resolve(AcceleratorSpec declared) {
        return declared;
    }

    /** The execution model for one (resolved) system of this family. */
    ExecutionModel executionModel(AcceleratorSpec spec);
}
