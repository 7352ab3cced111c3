package dev.tokenscale.host.runtime;

import dev.tokenscale.api.AcceleratorFamily;
import dev.tokenscale.api.AcceleratorSpec;
import dev.tokenscale.api.ApiVersion;
import dev.tokenscale.api.ModelArchitecture;
import dev.tokenscale.api.roofline.RooflineFamily;
import dev.tokenscale.host.engine.Accelerator;
import dev.tokenscale.host.engine.Calibration;
import dev.tokenscale.host.runtime.PluginData.Sourced;
import dev.tokenscale.host.runtime.PluginReport.Provides;
import dev.tokenscale.host.spec.BoundedInput;
import dev.tokenscale.host.spec.SpecException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.util.tracker.BundleTracker;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded OSGi host: starts Apache Felix through the standard launch API, exports the SPI (and SLF4J) from
 * the system bundle, installs and starts every plugin it is given, and tracks what the plugins provide as they come
 * and go. A plugin that is not a bundle, does not resolve, or whose activator throws is reported in one line and
 * skipped; everything else keeps working.
 */
public final class PluginHost implements AutoCloseable {

    /** The family every spec may name to use the host's default roofline. */

    private static final Logger LOG = LoggerFactory.getLogger(PluginHost.class);
    private static final String SLF4J_VERSION = "2.0.20";
    /** Largest plugin jar installed: the built-in plugins are under 100 KB. */
    private static final long MAX_JAR_BYTES = 256L << 20;

    private final Framework framework;
    private final Path cacheDir;
    private final Map<String, Calibration> calibrations = new HashMap<>();
    private final Map<Long, PluginData> bundleData = new ConcurrentHashMap<>();
    private final Map<String, PluginReport> failures = new ConcurrentHashMap<>();
    private final Map<Path, PluginData> fileData = new ConcurrentHashMap<>();
    private final ServiceTracker<AcceleratorFamily, AcceleratorFamily> families;
    private final BundleTracker<Bundle> extender;

    private PluginHost(Framework framework, Path cacheDir) {
        this.framework = framework;
        this.cacheDir = cacheDir;
        BundleContext context = framework.getBundleContext();
        this.families = new ServiceTracker<>(context, AcceleratorFamily.class, null);
        this.extender = new BundleTracker<>(context, Bundle.ACTIVE, null) {
            @Override
            public Bundle addingBundle(Bundle bundle, BundleEvent event) {
                PluginData data = DataReader.fromBundle(bundle);
                bundleData.put(bundle.getBundleId(), data);
                data.errors().forEach(error -> LOG.warn("plugin {}: {}", bundle.getSymbolicName(), error));
                return bundle;
            }

            @Override
            public void removedBundle(Bundle bundle, BundleEvent event, Bundle object) {
                bundleData.remove(bundle.getBundleId());
            }
        };
    }

    /** Starts a host with the given plugin folders and extra files. */
    public static PluginHost start(HostConfig config) {
        return start(config, ApiVersion.VALUE);
    }

    /**
     * Starts a host whose system bundle exports the SPI package at {@code apiVersion} rather than this build's
     * version: tests use it to play a host whose SPI has gained a minor version.
     */
    static PluginHost start(HostConfig config, String apiVersion) {
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
        properties.put("felix.log.logger", new FelixLogger());
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path"));
        @SuppressWarnings({"unchecked", "rawtypes"})
        Framework framework = factory.newFramework((Map) properties);
        try {
            framework.start();
        } catch (BundleException e) {
            throw new IllegalStateException("the OSGi framework did not start: " + e.getMessage(), e);
        }
        PluginHost host = new PluginHost(framework, cache);
        config.calibrations().forEach(c -> host.calibrations.put(c.hardware(), c));
        host.families.open();
        host.extender.open();
        host.deploy(config.pluginJars());
        for (Path dir : config.pluginDirs()) {
            host.installFolder(dir);
        }
        config.hardwareFiles().forEach(file -> host.loadFile(file, DataReader::hardwareFile));
        config.modelFiles().forEach(file -> host.loadFile(file, DataReader::modelFile));
        return host;
    }

    private void installFolder(Path dir) {
        if (!Files.isDirectory(dir)) {
            failures.put(dir.toString(), failed(dir.getFileName().toString(), dir, "not a folder"));
            return;
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.sorted().toList();
        } catch (IOException e) {
            failures.put(dir.toString(), failed(dir.getFileName().toString(), dir, "cannot list: " + e.getMessage()));
            return;
        }
        deploy(files);
    }

    /**
     * Installs the jars and loads the spec files among {@code files} (other files are ignored; links out of the
     * folder, pipes and devices are reported and skipped), then starts the new bundles. Everything is installed before anything starts, so that bundles resolve together.
     */
    void deploy(List<Path> files) {
        List<Bundle> installed = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (!PluginFolder.isPluginName(file)) {
                continue;
            }
            Optional<String> refusal = PluginFolder.refusal(file);
            if (refusal.isPresent()) {
                LOG.warn("{}: {}; skipped", file, refusal.get());
                failures.put(file.toUri().toString(), failed(name, file, refusal.get()));
            } else if (name.endsWith(".jar")) {
                Bundle bundle = install(file);
                if (bundle != null) {
                    installed.add(bundle);
                }
            } else {
                loadFile(file, DataReader::fromFile).errors().forEach(error -> LOG.warn("{}; skipped", error));
            }
        }
        installed.forEach(this::startBundle);
    }

    /**
     * Forgets a file of a plugin folder: uninstalls the bundle installed from it (its services and data go with
     * it), or drops the spec file's data, and clears any failure reported for it.
     */
    void undeploy(Path file) {
        failures.remove(file.toUri().toString());
        fileData.remove(file);
        Bundle bundle = bundle(file);
        if (bundle != null) {
            try {
                bundle.uninstall();
            } catch (BundleException e) {
                LOG.warn("plugin {} could not be uninstalled: {}", bundle.getSymbolicName(), e.getMessage());
            }
            // Let the framework drop the old revision's class loader now rather than at the next refresh.
            framework.adapt(FrameworkWiring.class).refreshBundles(null);
        }
    }

    /** Whether this file was deployed: installed, loaded, or reported as failed. */
    boolean holds(Path file) {
        return bundle(file) != null || failures.containsKey(file.toUri().toString()) || fileData.containsKey(file);
    }

    /** The bundle installed from this jar, or {@code null}. */
    Bundle bundle(Path jar) {
        return framework.getBundleContext().getBundle(jar.toUri().toString());
    }

    /** The data an active bundle declares, or {@code null} when it is not active. */
    PluginData data(Bundle bundle) {
        return bundleData.get(bundle.getBundleId());
    }

    /** The failure reported for a jar that could not be installed or started, or {@code null}. */
    PluginReport failure(Path jar) {
        return failures.get(jar.toUri().toString());
    }

    /** Installs one jar; reports and returns {@code null} when it is not a usable bundle. */
    Bundle install(Path jar) {
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
            for (Bundle existing : framework.getBundleContext().getBundles()) {
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
            return framework.getBundleContext().installBundle(location);
        } catch (BundleException e) {
            failures.put(location, failed(jar.getFileName().toString(), jar, "cannot install: " + e.getMessage()));
            return null;
        }
    }

    /** Starts an installed bundle; reports it and leaves it stopped when it fails. */
    void startBundle(Bundle bundle) {
        try {
            bundle.start();
        } catch (BundleException e) {
            String reason = ResolveDiagnosis.explain(bundle, e, framework);
            LOG.warn("plugin {} skipped: {}", bundle.getSymbolicName(), reason);
            failures.put(bundle.getLocation(), report(bundle, "FAILED", reason));
        }
    }

    private PluginData loadFile(Path file, Function<Path, PluginData> reader) {
        PluginData data = reader.apply(file);
        fileData.put(file, data);
        return data;
    }

    /**
     * One report per plugin: bundles (built-in and dropped), failures, and spec-only files. A plugin's error lists
     * its files that did not parse and its specs that no installed family accepts.
     */
    public List<PluginReport> plugins() {
        Map<String, String> problems = match().problems();
        List<PluginReport> reports = new ArrayList<>();
        for (Bundle bundle : framework.getBundleContext().getBundles()) {
            if (bundle.getBundleId() == 0 || failures.containsKey(bundle.getLocation())) {
                continue;
            }
            reports.add(report(bundle, stateName(bundle.getState()),
                    errors(bundleData.get(bundle.getBundleId()), problems)));
        }
        reports.addAll(failures.values());
        fileData.forEach((file, data) -> {
            String error = errors(data, problems);
            reports.add(new PluginReport(file.getFileName().toString(), "", error == null ? "LOADED" : "FAILED",
                    file.toString(), provides(data, List.of()), error));
        });
        reports.sort(Comparator.comparing(PluginReport::location));
        return reports;
    }

    private PluginReport report(Bundle bundle, String state, String error) {
        List<String> familyIds = new ArrayList<>();
        ServiceReference<?>[] registered = bundle.getRegisteredServices();
        if (registered != null) {
            for (ServiceReference<?> ref : registered) {
                Object id = ref.getProperty(AcceleratorFamily.SERVICE_PROPERTY_ID);
                if (id != null) {
                    familyIds.add(id.toString());
                }
            }
        }
        PluginData data = bundleData.get(bundle.getBundleId());
        // Every bundle was installed from a file URI; report its path like the files that are not bundles.
        String path = Path.of(URI.create(bundle.getLocation())).toString();
        return new PluginReport(bundle.getSymbolicName(), bundle.getVersion().toString(), state, path,
                data == null ? new Provides(familyIds, List.of(), List.of()) : provides(data, familyIds), error);
    }

    private static Provides provides(PluginData data, List<String> familyIds) {
        return new Provides(familyIds, data.hardware().stream().map(s -> s.value().id()).toList(),
                data.models().stream().map(s -> s.value().id()).toList());
    }

    private static String errors(PluginData data, Map<String, String> problems) {
        if (data == null) {
            return null;
        }
        List<String> errors = new ArrayList<>(data.errors());
        data.hardware().stream().map(s -> problems.get(s.origin())).filter(Objects::nonNull).forEach(errors::add);
        return errors.isEmpty() ? null : String.join("; ", errors);
    }

    private static PluginReport failed(String name, Path location, String error) {
        return new PluginReport(name, "", "FAILED", location.toString(), Provides.NOTHING, error);
    }

    private static String stateName(int state) {
        return switch (state) {
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            default -> "UNINSTALLED";
        };
    }

    /**
     * What the plugins provide right now: every spec matched to its family's execution model (with its calibration
     * applied first, when the host has one for it), every model. A spec whose family is missing or rejects it, or
     * whose id another plugin already provides, is logged and skipped.
     *
     * @throws IllegalArgumentException when a calibration sets a parameter its hardware does not declare (see
     *                                  {@link #calibrationProblem()})
     */
    public Installed installed() {
        Matched matched = match();
        matched.problems().values().forEach(problem -> LOG.warn("{}; skipped", problem));
        Map<String, ModelArchitecture> models = new LinkedHashMap<>();
        for (PluginData data : allData()) {
            for (Sourced<ModelArchitecture> model : data.models()) {
                if (models.putIfAbsent(model.value().id(), model.value()) != null) {
                    LOG.warn("{}: model id '{}' is already provided; skipped", model.origin(), model.value().id());
                }
            }
        }
        return new Installed(matched.accelerators(),
                models.values().stream().sorted(Comparator.comparing(ModelArchitecture::id)).toList());
    }

    /**
     * The declared specs matched to the installed families.
     *
     * @param accelerators the usable systems, sorted by id
     * @param problems     one line per spec that is not usable, keyed by the spec's origin
     */
    private record Matched(List<Accelerator> accelerators, Map<String, String> problems) {
    }

    private Matched match() {
        Map<String, AcceleratorFamily> familiesById = familiesById();
        Map<String, Accelerator> accelerators = new LinkedHashMap<>();
        Map<String, String> problems = new LinkedHashMap<>();
        for (PluginData data : allData()) {
            for (Sourced<AcceleratorSpec> declared : data.hardware()) {
                try {
                    Calibration calibration = calibrations.get(declared.value().id());
                    Accelerator accelerator = accelerate(calibration == null ? declared
                            : new Sourced<>(calibration.applyTo(declared.value()), declared.origin()), familiesById);
                    Accelerator first = accelerators.putIfAbsent(accelerator.id(), accelerator);
                    if (first != null) {
                        throw new SpecException(declared.origin(), "id", "'" + accelerator.id()
                                + "' is already provided by " + first.origin() + "; expected a unique id");
                    }
                } catch (SpecException e) {
                    problems.put(declared.origin(), e.getMessage());
                }
            }
        }
        return new Matched(accelerators.values().stream().sorted(Comparator.comparing(Accelerator::id)).toList(),
                problems);
    }

    /** The calibration this host applies to a hardware id, if any. */
    public Optional<Calibration> calibration(String hardwareId) {
        return Optional.ofNullable(calibrations.get(hardwareId));
    }

    /** Why a calibration cannot apply to the spec it names (a parameter the spec does not declare), if one cannot. */
    public Optional<String> calibrationProblem() {
        for (PluginData data : allData()) {
            for (Sourced<AcceleratorSpec> declared : data.hardware()) {
                Calibration calibration = calibrations.get(declared.value().id());
                try {
                    if (calibration != null) {
                        calibration.applyTo(declared.value());
                    }
                } catch (IllegalArgumentException e) {
                    return Optional.of(e.getMessage());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Builds an installed system again from a spec with other execution parameters (a calibration's trial values),
     * through the same family; the spec must be the system's resolved spec with only its execution changed.
     */
    public Function<AcceleratorSpec, Accelerator> rebuilder(Accelerator accelerator) {
        AcceleratorFamily family = familiesById().get(accelerator.spec().family());
        if (family == null) {
            throw new IllegalStateException("family '" + accelerator.spec().family() + "' is no longer installed");
        }
        return spec -> new Accelerator(spec, family.executionModel(spec), accelerator.origin());
    }

    /** The families by id: every tracked family service, and the host's default roofline. */
    Map<String, AcceleratorFamily> familiesById() {
        Map<String, AcceleratorFamily> familiesById = new HashMap<>();
        familiesById.put(RooflineFamily.ID, new RooflineFamily());
        for (AcceleratorFamily family : families.getTracked().values()) {
            if (family != null) {
                familiesById.putIfAbsent(family.id(), family);
            }
        }
        return familiesById;
    }

    /** Bundles' data before spec-only files', so that a built-in system keeps its id. */
    private List<PluginData> allData() {
        List<PluginData> all = new ArrayList<>(new TreeMap<>(bundleData).values());
        all.addAll(fileData.values());
        return all;
    }

    /** A declared spec resolved by its family, with the family's execution model; or why it cannot be used. */
    static Accelerator accelerate(Sourced<AcceleratorSpec> declared, Map<String, AcceleratorFamily> familiesById)
            throws SpecException {
        AcceleratorSpec spec = declared.value();
        AcceleratorFamily family = familiesById.get(spec.family());
        if (family == null) {
            throw new SpecException(declared.origin(), "family", "'" + spec.family()
                    + "': expected an installed family, one of " + String.join(", ", new TreeSet<>(
                    familiesById.keySet())));
        }
        try {
            return Accelerator.of(family, spec, declared.origin());
        } catch (RuntimeException e) {
            throw new SpecException(declared.origin(), "family", "'" + spec.family() + "' rejected it: "
                    + e.getMessage());
        }
    }

    /** The framework's bundle context, for tests and the hot-deploy watcher. */
    BundleContext context() {
        return framework.getBundleContext();
    }

    @Override
    public void close() {
        extender.close();
        families.close();
        try {
            framework.stop();
            framework.waitForStop(10_000);
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
