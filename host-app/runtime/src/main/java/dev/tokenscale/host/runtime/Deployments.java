package dev.tokenscale.host.runtime;

import dev.tokenscale.host.runtime.PluginReport.Provides;
import dev.tokenscale.host.spec.BoundedInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;

/**
 * The bookkeeping of what was deployed from where: bundle jars installed into the framework (everything installed
 * before anything starts, so that bundles resolve together), spec-only files loaded beside them, and one failure per
 * file that could not be used. A file is keyed by its path, a bundle by its location (the jar's URI).
 */
final class Deployments {

    /** Largest plugin jar installed: the built-in plugins are under 100 KB. */
    private static final long MAX_JAR_BYTES = 256L << 20;

    private final EmbeddedFramework framework;
    private final Consumer<String> notices;
    private final Runnable changed;
    private final Duration startTimeout;
    private final Map<String, PluginReport> failures = new ConcurrentHashMap<>();
    private final Map<Path, PluginData> files = new ConcurrentHashMap<>();

    /**
     * Bookkeeping for this framework: what cannot be used is a {@code notice}, {@code changed} runs after a
     * spec-only file's data came or went, and a bundle that has not started within {@code startTimeout} is
     * reported and skipped.
     */
    Deployments(EmbeddedFramework framework, Consumer<String> notices, Runnable changed, Duration startTimeout) {
        this.framework = framework;
        this.notices = notices;
        this.changed = changed;
        this.startTimeout = startTimeout;
    }

    /** Deploys the plugin files of a folder, sorted by name; a folder that cannot be listed is a failure. */
    void deployFolder(Path dir) {
        if (!Files.isDirectory(dir)) {
            failures.put(dir.toString(), failed(dir.getFileName().toString(), dir, "not a folder"));
            return;
        }
        try (Stream<Path> listing = Files.list(dir)) {
            deploy(listing.sorted().toList());
        } catch (IOException e) {
            failures.put(dir.toString(), failed(dir.getFileName().toString(), dir, "cannot list: " + e.getMessage()));
        }
    }

    /**
     * Installs the jars and loads the spec files among {@code paths} (other files are ignored; links out of the
     * folder, pipes and devices are reported and skipped), then starts the new bundles.
     */
    void deploy(List<Path> paths) {
        List<Bundle> installed = new ArrayList<>();
        for (Path file : paths) {
            String name = file.getFileName().toString();
            if (!PluginFolder.isPluginName(file)) {
                continue;
            }
            Optional<String> refusal = PluginFolder.refusal(file);
            if (refusal.isPresent()) {
                notices.accept(file + ": " + refusal.get() + "; skipped");
                failures.put(file.toUri().toString(), failed(name, file, refusal.get()));
            } else if (name.endsWith(".jar")) {
                Bundle bundle = install(file);
                if (bundle != null) {
                    installed.add(bundle);
                }
            } else {
                load(file, DataReader::fromFile).errors().forEach(error -> notices.accept(error + "; skipped"));
            }
        }
        // Resolved together before any starts: an activator still running holds a bundle lock, and resolving a
        // bundle later would wait for it.
        framework.resolve(installed);
        installed.forEach(this::start);
    }

    /** Loads one spec-only file with the given reader; its errors are reported, not logged. */
    PluginData load(Path file, Function<Path, PluginData> reader) {
        PluginData data = reader.apply(file);
        files.put(file, data);
        changed.run();
        return data;
    }

    /**
     * Forgets a file: uninstalls the bundle installed from it (its services and data go with it), or drops the spec
     * file's data, and clears any failure reported for it.
     */
    void undeploy(Path file) {
        failures.remove(file.toUri().toString());
        if (files.remove(file) != null) {
            changed.run();
        }
        Bundle bundle = bundle(file);
        if (bundle != null) {
            try {
                bundle.uninstall();
            } catch (BundleException e) {
                notices.accept("plugin " + bundle.getSymbolicName() + " could not be uninstalled: " + e.getMessage());
            }
            framework.refresh();
        }
    }

    /** Whether this file was deployed: installed, loaded, or reported as failed. */
    boolean holds(Path file) {
        return bundle(file) != null || failures.containsKey(file.toUri().toString()) || files.containsKey(file);
    }

    /** The bundle installed from this jar, or {@code null}. */
    Bundle bundle(Path jar) {
        return framework.context().getBundle(jar.toUri().toString());
    }

    /** The failure reported for a file, or {@code null}. */
    PluginReport failure(Path file) {
        return failures.get(file.toUri().toString());
    }

    /** Whether the bundle at this location failed (its report is among {@link #failures()}). */
    boolean failed(Bundle bundle) {
        return failures.containsKey(bundle.getLocation());
    }

    /** Every failure: jars that are not bundles or did not install, start or resolve, and unusable folders. */
    List<PluginReport> failures() {
        return List.copyOf(failures.values());
    }

    /** The spec-only files and their data, in the order they were loaded. */
    Map<Path, PluginData> files() {
        return new LinkedHashMap<>(files);
    }

    /** Installs one jar; reports and returns {@code null} when it is not a usable bundle. */
    private Bundle install(Path jar) {
        String location = jar.toUri().toString();
        try (JarFile jarFile = new JarFile(jar.toFile())) {
            ZipEntry manifestEntry = jarFile.getEntry(JarFile.MANIFEST_NAME);
            if (Files.size(jar) > MAX_JAR_BYTES || manifestEntry != null
                    && manifestEntry.getSize() > BoundedInput.SPEC_BYTES) {
                failures.put(location, failed(jar.getFileName().toString(), jar, "too large: expected a jar of at most "
                        + (MAX_JAR_BYTES >> 20) + " MiB with a manifest of at most "
                        + (BoundedInput.SPEC_BYTES >> 20) + " MiB"));
                return null;
            }
            var manifest = jarFile.getManifest();
            String symbolicName = manifest == null ? null
                    : manifest.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
            if (symbolicName == null) {
                failures.put(location, failed(jar.getFileName().toString(), jar,
                        "not an OSGi bundle: its manifest has no Bundle-SymbolicName"));
                return null;
            }
            String bare = symbolicName.split(";")[0].trim();
            for (Bundle existing : framework.context().getBundles()) {
                if (bare.equals(existing.getSymbolicName())) {
                    failures.put(location, failed(bare, jar, "skipped: a bundle with this symbolic name is already "
                            + "installed from " + existing.getLocation()));
                    return null;
                }
            }
        } catch (IOException e) {
            failures.put(location, failed(jar.getFileName().toString(), jar, "not a readable jar: " + e.getMessage()));
            return null;
        }
        try {
            return framework.context().installBundle(location);
        } catch (BundleException e) {
            failures.put(location, failed(jar.getFileName().toString(), jar, "cannot install: " + e.getMessage()));
            return null;
        }
    }

    /**
     * Starts an installed bundle on a thread of its own and waits at most the start timeout: an activator that
     * never returns must not hold the command, or the folder watcher, for good. A bundle that fails, or is still
     * starting at the timeout, is reported and skipped; one that starts late is stopped again.
     */
    private void start(Bundle bundle) {
        CompletableFuture<BundleException> started = new CompletableFuture<>();
        Thread starter = new Thread(() -> {
            try {
                bundle.start();
                started.complete(null);
            } catch (BundleException e) {
                started.complete(e);
            } catch (RuntimeException e) {
                started.complete(new BundleException("its start threw " + e, e));
            }
            if (failed(bundle) && bundle.getState() == Bundle.ACTIVE) {
                stopLate(bundle);
            }
        }, "tokenscale-start-" + bundle.getSymbolicName());
        starter.setDaemon(true);
        starter.start();
        BundleException failure;
        try {
            failure = started.get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            fail(bundle, "did not start within " + startTimeout.toMillis() + " ms (its activator is still running)");
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(bundle, "interrupted while starting");
            return;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
        if (failure != null) {
            fail(bundle, ResolveDiagnosis.explain(bundle, failure, framework.systemBundle()));
        }
    }

    /** Whether a bundle's start was given up on while its activator was still running. */
    boolean stuck() {
        return failures.keySet().stream().map(location -> framework.context().getBundle(location))
                .anyMatch(bundle -> bundle != null && bundle.getState() == Bundle.STARTING);
    }

    private void fail(Bundle bundle, String reason) {
        notices.accept("plugin " + bundle.getSymbolicName() + " skipped: " + reason);
        failures.put(bundle.getLocation(), PluginReports.of(bundle, "FAILED", null, reason));
    }

    private static void stopLate(Bundle bundle) {
        try {
            bundle.stop();
        } catch (BundleException | RuntimeException e) {
            // It stays started, and reported as failed.
        }
    }

    private static PluginReport failed(String name, Path location, String error) {
        return new PluginReport(name, "", "FAILED", location.toString(), Provides.NOTHING, error);
    }
}
