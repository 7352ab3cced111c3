package com.example.tokenscale.meridian;

import dev.tokenscale.api.AcceleratorFamily;
import java.util.Map;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/** Registers the Meridian family when the host starts the plugin; the framework unregisters it on stop. */
public final class MeridianActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        MeridianFamily family = new MeridianFamily();
        context.registerService(AcceleratorFamily.class, family,
                FrameworkUtil.asDictionary(Map.of(AcceleratorFamily.SERVICE_PROPERTY_ID, family.id())));
    }

    @Override
    public void stop(BundleContext context) {
        // The framework unregisters the family service.
    }
}
