package dev.tokenscale.host.runtime;

import dev.tokenscale.api.PluginHeaders;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.util.tracker.BundleTracker;

/**
 * The extender: reads the hardware and models that each active bundle declares with {@link PluginHeaders} (so a
 * data-only bundle needs no Java), forgets them when the bundle stops, and says so to whoever keeps the registry.
 */
final class SpecExtender implements AutoCloseable {

    private final Map<Long, PluginData> byBundle = new ConcurrentHashMap<>();
    private final BundleTracker<Bundle> tracker;

    /**
     * An extender on this context; a bundle's files that do not parse are {@code notices}, and {@code changed} runs
     * after a bundle's data came or went.
     */
    SpecExtender(BundleContext context, Consumer<String> notices, Runnable changed) {
        this.tracker = new BundleTracker<>(context, Bundle.ACTIVE, null) {
            @Override
            public Bundle addingBundle(Bundle bundle, BundleEvent event) {
                PluginData data = DataReader.fromBundle(bundle);
                byBundle.put(bundle.getBundleId(), data);
                data.errors().forEach(error -> notices.accept("plugin " + bundle.getSymbolicName() + ": " + error));
                changed.run();
                return bundle;
            }

            @Override
            public void removedBundle(Bundle bundle, BundleEvent event, Bundle object) {
                byBundle.remove(bundle.getBundleId());
                changed.run();
            }
        };
    }

    void open() {
        tracker.open();
    }

    /** The data an active bundle declares, or {@code null} when it is not active. */
    PluginData data(Bundle bundle) {
        return byBundle.get(bundle.getBundleId());
    }

    /** Every active bundle's data, in installation order (so that the first bundle to declare an id keeps it). */
    List<PluginData> all() {
        return List.copyOf(new TreeMap<>(byBundle).values());
    }

    @Override
    public void close() {
        tracker.close();
    }
}
