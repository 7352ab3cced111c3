package com.example.tokenscale.meridian;

import dev.tokenscale.api.AcceleratorFamily;
import dev.tokenscale.api.AcceleratorSpec;
import dev.tokenscale.api.ExecutionModel;
import org.osgi.service.component.annotations.Component;

/**
 * The Acme Meridian family: HBM chips whose compiler fuses elementwise passes into the matrix op before them. Its
 * systems are data ({@code hardware/*.yaml}, declared by the {@code Tokenscale-Hardware} header); specs name this
 * family by {@link #ID}. {@code @Component} registers it as a service while the plugin runs: bnd writes the
 * component description and the host's Declarative Services runtime reads it, so the plugin needs no activator.
 */
@Component(service = AcceleratorFamily.class,
        property = AcceleratorFamily.SERVICE_PROPERTY_ID + "=" + MeridianFamily.ID)
public final class MeridianFamily implements AcceleratorFamily {

    /** The id that Meridian specs name in their {@code family} field. */
    public static final String ID = "acme-meridian";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "HBM chip with compiler-fused elementwise passes: roofline matrix ops, near-free norms and activations";
    }

    @Override
    public ExecutionModel executionModel(AcceleratorSpec spec) {
        return new MeridianExecutionModel(spec);
    }
}
