package dev.tokenscale.plugin.groqstacked;

import dev.tokenscale.api.AcceleratorFamily;
import java.util.Map;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/** Registers the SRAM LPU family; the framework unregisters it when the bundle stops. */
public final class GroqStackedActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        LpuFamily family = new LpuFamily();
        context.registerService(AcceleratorFamily.class, family,
                FrameworkUtil.asDictionary(Map.of(AcceleratorFamily.SERVICE_PROPERTY_ID, family.id())));
    }

    @Override
    public void stop(BundleContext context) {
        // The framework unregisters the family service.
    }
}
