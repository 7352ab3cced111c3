package dev.tokenscale.host.runtime;

import dev.tokenscale.api.AcceleratorFamily;
import dev.tokenscale.api.AcceleratorSpec;
import dev.tokenscale.api.ApiVersion;
import dev.tokenscale.host.engine.Accelerator;
import dev.tokenscale.host.engine.Calibration;
import dev.tokenscale.host.runtime.PluginData.Sourced;
import dev.tokenscale.host.spec.SpecException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * The embedded OSGi host, assembled from one part per job: the framework's life ({@link EmbeddedFramework}), what
 * was deployed from where ({@link Deployments}), the data bundles declare ({@link SpecExtender}), specs matched to
 * families with their calibrations ({@link Registry}), and the reports ({@link PluginReports}). A plugin that is not
 * a bundle, does not resolve, or whose activator throws is reported in one line and skipped; everything else keeps
 * working; what the host skips goes to the configuration's notices.
 */
public final class PluginHost implements AutoCloseable {

    private static final Duration PLUGIN_TIMEOUT = Duration.ofMillis(Long.getLong("tokenscale.pluginTimeoutMillis",
            5_000));
    /** How long a bundle may take to start: the built-in ones take milliseconds. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(3);

    private final EmbeddedFramework framework;
    private final SpecExtender extender;
    private final Deployments deployments;
    private final Registry registry;

    private PluginHost(EmbeddedFramework framework, HostConfig config) {
        this.framework = framework;
        this.registry = new Registry(framework, config, this::declared);
        this.extender = new SpecExtender(framework.context(), config.notices(), registry::changed);
        this.deployments = new Deployments(framework, config.notices(), registry::changed, START_TIMEOUT);
    }

    /** Starts a host with the given plugins, files and in-process families. */
    public static PluginHost start(HostConfig config) {
        return start(config, ApiVersion.VALUE);
    }

    /**
     * Starts a host whose system bundle exports the SPI package at {@code apiVersion} rather than this build's
     * version: tests use it to play a host whose SPI has gained a minor version.
     */
    static PluginHost start(HostConfig config, String apiVersion) {
        PluginHost host = new PluginHost(EmbeddedFramework.start(apiVersion), config);
        try {
            host.registry.open();
            host.extender.open();
            host.deployments.deploy(config.pluginJars());
            config.pluginDirs().forEach(host.deployments::deployFolder);
            config.hardwareFiles().forEach(file -> host.deployments.load(file, DataReader::hardwareFile));
            config.modelFiles().forEach(file -> host.deployments.load(file, DataReader::modelFile));
            return host;
        } catch (RuntimeException e) {
            host.close();
            throw e;
        }
    }

    /** Bundles' data before spec-only files', so that a built-in system keeps its id. */
    private List<PluginData> declared() {
        List<PluginData> all = new ArrayList<>(extender.all());
        all.addAll(deployments.files().values());
        return all;
    }

    /**
     * One report per plugin: bundles (built-in and dropped), failures, and spec-only files. A plugin's error lists
     * its files that did not parse and its specs that no installed family accepts.
     */
    public List<PluginReport> plugins() {
        Registry.Snapshot snapshot = registry.snapshot();
        return PluginReports.all(framework, deployments, extender, registry, snapshot.refused(), snapshot.problems());
    }

    /**
     * What the plugins provide right now: every spec matched to its family's execution model (with its calibration
     * applied first, when the host has one for it), every model. A spec whose family is missing or rejects it, or
     * whose id another plugin already provides, is skipped and is a notice once.
     */
    public Installed installed() {
        return registry.installed();
    }

    /**
     * How long a query waits for one system's work before it reports the system's family as hung (the
     * {@code tokenscale.pluginTimeoutMillis} system property; 5 seconds by default). A bundle gets 3 seconds to start.
     */
    public Duration pluginTimeout() {
        return PLUGIN_TIMEOUT;
    }

    /**
     * Stops calling a family that did not answer within {@link #pluginTimeout()}: its systems are reported and
     * skipped until its plugin is redeployed (a thread stuck in plugin code cannot be stopped, so calling it again
     * would only lose another).
     */
    public void quarantine(String familyId, String reason) {
        registry.quarantine(familyId, reason);
    }

    /** The calibration this host applies to a hardware id, if any. */
    public Optional<Calibration> calibration(String hardwareId) {
        return registry.calibration(hardwareId);
    }

    /** Why a calibration cannot apply to the spec it names (a parameter the spec does not declare), if one cannot. */
    public Optional<String> calibrationProblem() {
        return registry.snapshot().calibrationProblem();
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

    /**
     * The declared spec of an installed system (before its family resolves it, with its calibration applied), for
     * designs derived from it.
     */
    public Optional<AcceleratorSpec> declaredSpec(String hardwareId) {
        for (PluginData data : declared()) {
            for (Sourced<AcceleratorSpec> spec : data.hardware()) {
                if (spec.value().id().equals(hardwareId)) {
                    return Optional.of(calibration(hardwareId).map(c -> c.applyTo(spec.value())).orElse(spec.value()));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * A spec made outside any plugin (a derived design) run through its installed family, as installed specs are.
     *
     * @throws IllegalArgumentException when its family is not installed or rejects it, in one line
     */
    public Accelerator accelerator(AcceleratorSpec declared, String origin) {
        try {
            return Registry.accelerate(new Sourced<>(declared, origin), familiesById());
        } catch (SpecException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The families by id: the host's own (the default roofline and in-process ones), then every family service. */
    Map<String, AcceleratorFamily> familiesById() {
        return registry.snapshot().families();
    }

    /** Deploys plugin files into the running host (hot deploy). */
    void deploy(List<Path> files) {
        deployments.deploy(files);
    }

    /** Forgets a plugin file: its bundle is uninstalled, or its spec data dropped. */
    void undeploy(Path file) {
        deployments.undeploy(file);
    }

    /** Whether this file was deployed: installed, loaded, or reported as failed. */
    boolean holds(Path file) {
        return deployments.holds(file);
    }

    /** The bundle installed from this jar, or {@code null}. */
    Bundle bundle(Path jar) {
        return deployments.bundle(jar);
    }

    /** The data an active bundle declares, or {@code null} when it is not active. */
    PluginData data(Bundle bundle) {
        return extender.data(bundle);
    }

    /** The failure reported for a jar that could not be installed or started, or {@code null}. */
    PluginReport failure(Path jar) {
        return deployments.failure(jar);
    }

    /** Why a bundle's Declarative Services component failed to activate, if one did. */
    Optional<String> componentFailure(Bundle bundle) {
        return framework.componentFailure(bundle);
    }

    /** The framework's bundle context, for tests and the conformance kit. */
    BundleContext context() {
        return framework.context();
    }

    @Override
    public void close() {
        extender.close();
        registry.close();
        // A bundle still stuck in its activator holds the framework's stop; waiting for it would hold the caller.
        framework.close(deployments.stuck() ? Duration.ZERO : Duration.ofSeconds(2));
    }
}
