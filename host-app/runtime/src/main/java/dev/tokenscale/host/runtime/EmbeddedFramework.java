package dev.tokenscale.host.runtime;

import dev.tokenscale.api.roofline.RooflineFamily;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.FrameworkWiring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The framework's life: starts Apache Felix through the standard launch API in a cache folder of its own, with the
 * SPI packages and SLF4J exported from the system bundle (nothing else of the host is visible to plugins), and
 * stops it and deletes the cache folder on close.
 */
final class EmbeddedFramework {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedFramework.class);
    private static final String SLF4J_VERSION = "2.0.20";

    private final Framework framework;
    private final Path cacheDir;

    private EmbeddedFramework(Framework framework, Path cacheDir) {
        this.framework = framework;
        this.cacheDir = cacheDir;
    }

    /** Starts a framework whose system bundle exports the SPI package {@code dev.tokenscale.api} at apiVersion. */
    static EmbeddedFramework start(String apiVersion) {
        Path cache;
        try {
            cache = Files.createTempDirectory("tokenscale-felix");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the framework cache folder", e);
        }
        Map<String, Object> properties = new HashMap<>();
        properties.put(Constants.FRAMEWORK_STORAGE, cache.toString());
        properties.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        properties.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, String.join(",",
                "dev.tokenscale.api;version=" + apiVersion,
                "dev.tokenscale.api.roofline;version=" + RooflineFamily.PACKAGE_VERSION,
                "org.slf4j;version=" + SLF4J_VERSION,
                "org.slf4j.spi;version=" + SLF4J_VERSION,
                "org.slf4j.event;version=" + SLF4J_VERSION,
                "org.slf4j.helpers;version=" + SLF4J_VERSION));
        // An object value: the launch API's Map<String, String> is a convention that Felix does not require.
        properties.put("felix.log.logger", new FelixLogger());
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path"));
        @SuppressWarnings({"unchecked", "rawtypes"})
        Framework framework = factory.newFramework((Map) properties);
        try {
            framework.start();
        } catch (BundleException e) {
            deleteRecursively(cache);
            throw new IllegalStateException("the OSGi framework did not start: " + e.getMessage(), e);
        }
        return new EmbeddedFramework(framework, cache);
    }

    /** The system bundle's context. */
    BundleContext context() {
        return framework.getBundleContext();
    }

    /** The framework's system bundle (which {@link ResolveDiagnosis} compares requirements against). */
    Framework systemBundle() {
        return framework;
    }

    /** Resolves these bundles (those that can be; the others fail with their reason when started). */
    void resolve(List<Bundle> bundles) {
        framework.adapt(FrameworkWiring.class).resolveBundles(bundles);
    }

    /** Lets the framework drop uninstalled bundles' class loaders now rather than at the next refresh. */
    void refresh() {
        framework.adapt(FrameworkWiring.class).refreshBundles(null);
    }

    /** Stops the framework, waiting at most {@code wait} for its bundles to stop (not at all when zero). */
    void close(Duration wait) {
        try {
            framework.stop();
            if (!wait.isZero()) {
                framework.waitForStop(wait.toMillis());
            }
        } catch (BundleException e) {
            LOG.debug("framework stop failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            deleteRecursively(cacheDir);
        }
    }

    static void deleteRecursively(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.debug("cannot delete {}", dir, e);
        }
    }
}
