package dev.tokenscale.host.runtime;

import dev.tokenscale.api.roofline.RooflineFamily;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The framework's life: starts Apache Felix through the standard launch API in a cache folder of its own, with the
 * SPI packages, SLF4J and the Declarative Services API exported from the system bundle (nothing else of the host is
 * visible to plugins), starts Felix SCR (the Declarative Services runtime that registers the plugins' components),
 * and stops it all and deletes the cache folder on close.
 */
final class EmbeddedFramework {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedFramework.class);
    private static final String SLF4J_VERSION = "2.0.20";
    /** A class of Felix SCR, whose jar on the host's class path is installed as the DS runtime bundle. */
    private static final String SCR_CLASS = "org/apache/felix/scr/impl/Activator.class";

    private final Framework framework;
    private final Path cacheDir;
    private final long scrBundleId;
    private final ServiceTracker<ServiceComponentRuntime, ServiceComponentRuntime> components;

    private EmbeddedFramework(Framework framework, Path cacheDir, long scrBundleId) {
        this.framework = framework;
        this.cacheDir = cacheDir;
        this.scrBundleId = scrBundleId;
        this.components = new ServiceTracker<>(framework.getBundleContext(), ServiceComponentRuntime.class, null);
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
                "org.slf4j.helpers;version=" + SLF4J_VERSION,
                "org.osgi.service.component;version=1.5.1",
                "org.osgi.service.component.runtime;version=1.5.0",
                "org.osgi.service.component.runtime.dto;version=1.5.0",
                "org.osgi.util.promise;version=1.3.0",
                "org.osgi.util.function;version=1.2.0"));
        // SCR prints its own log to the console; the host reports component failures itself (componentFailure), so
        // SCR only speaks (its warnings and errors, on stderr) when the host logs at debug level. Level 0 is SCR's
        // AUDIT, which it hardly uses; it has no name that SCR parses.
        properties.put("ds.loglevel", LOG.isDebugEnabled() ? "warn" : "0");
        // An object value: the launch API's Map<String, String> is a convention that Felix does not require.
        properties.put("felix.log.logger", new FelixLogger());
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path"));
        @SuppressWarnings({"unchecked", "rawtypes"})
        Framework framework = factory.newFramework((Map) properties);
        long scr;
        try {
            framework.start();
            scr = startDeclarativeServices(framework.getBundleContext());
        } catch (BundleException | IOException e) {
            stop(framework, Duration.ofSeconds(2));
            deleteRecursively(cache);
            throw new IllegalStateException("the OSGi framework did not start: " + e.getMessage(), e);
        }
        EmbeddedFramework started = new EmbeddedFramework(framework, cache, scr);
        started.components.open();
        return started;
    }

    /** Installs and starts Felix SCR from its jar on the host's class path; returns its bundle id. */
    private static long startDeclarativeServices(BundleContext context) throws IOException, BundleException {
        URL scrClass = EmbeddedFramework.class.getClassLoader().getResource(SCR_CLASS);
        if (scrClass == null || !(scrClass.openConnection() instanceof JarURLConnection jar)) {
            throw new IOException("Felix SCR (org.apache.felix.scr) is not on the class path as a jar");
        }
        Bundle scr = context.installBundle(jar.getJarFileURL().toString());
        scr.start();
        return scr.getBundleId();
    }

    /**
     * The root cause of a printed stack trace (what SCR keeps of a failure) in one line, as {@link ResolveDiagnosis}
     * reports a throwing activator: {@code IllegalStateException: no licence}.
     */
    static String rootCause(String trace) {
        List<StringBuilder> causes = new ArrayList<>(List.of(new StringBuilder()));
        for (String line : trace.split("\\R")) {
            if (line.startsWith("Caused by: ")) {
                causes.add(new StringBuilder(line.substring("Caused by: ".length())));
            } else if (!line.startsWith("\t") && !line.isBlank()) {
                causes.get(causes.size() - 1).append(' ').append(line.strip());
            }
        }
        String root = causes.get(causes.size() - 1).toString().strip();
        int colon = root.indexOf(':');
        String type = colon < 0 ? root : root.substring(0, colon);
        return type.substring(type.lastIndexOf('.') + 1) + (colon < 0 ? "" : root.substring(colon));
    }

    /** Whether the host, not a plugin, put this bundle there: the system bundle and the DS runtime. */
    boolean isHostBundle(Bundle bundle) {
        return bundle.getBundleId() == 0 || bundle.getBundleId() == scrBundleId;
    }

    /**
     * Why a bundle's component failed to activate, if one did: a DS component whose activate method throws still has
     * its service registered, but the service object is {@code null}; the failure is only in the runtime's DTOs.
     */
    Optional<String> componentFailure(Bundle bundle) {
        ServiceComponentRuntime runtime = components.getService();
        if (runtime == null) {
            return Optional.empty();
        }
        for (ComponentDescriptionDTO description : runtime.getComponentDescriptionDTOs(bundle)) {
            for (ComponentConfigurationDTO configuration : runtime.getComponentConfigurationDTOs(description)) {
                if (configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                    return Optional.of("its component " + description.name + " failed to activate: "
                            + rootCause(configuration.failure));
                }
            }
        }
        return Optional.empty();
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
        components.close();
        stop(framework, wait);
        deleteRecursively(cacheDir);
    }

    private static void stop(Framework framework, Duration wait) {
        try {
            framework.stop();
            if (!wait.isZero()) {
                framework.waitForStop(wait.toMillis());
            }
        } catch (BundleException e) {
            LOG.debug("framework stop failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
