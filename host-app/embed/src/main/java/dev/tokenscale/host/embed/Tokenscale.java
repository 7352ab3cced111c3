package dev.tokenscale.host.embed;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import com.google.inject.util.Modules;
import dev.tokenscale.host.engine.Estimate;
import dev.tokenscale.host.engine.ModelSummary;
import dev.tokenscale.host.runtime.PluginHost;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * tokenscale inside another program: {@code try (Tokenscale ts = Tokenscale.builder().build()) {
 * ts.compare(CompareRequest.of("gpt-oss-120b")); }}
 *
 * <p>{@link #builder()} collects plugin folders, extra hardware and model files, calibrations and Guice modules;
 * {@link Builder#build()} starts an embedded OSGi framework with them and returns this handle, whose typed calls
 * answer with the same immutable records that the CLI prints with {@code --json} and {@code tokenscale serve}
 * returns over HTTP. {@link #close()} stops the framework and deletes its cache folder.
 *
 * <p><b>Built-in plugins.</b> By default the plugin bundles found on the class path of this library are installed:
 * depend on {@code dev.tokenscale:plugin-nvidia}, {@code plugin-cerebras}, {@code plugin-groq-stacked} and
 * {@code plugin-workloads} (runtime scope) and they are there. {@link Builder#builtInPlugins(Path)} takes a folder
 * instead (a distribution's {@code plugins/}), {@link Builder#withoutBuiltInPlugins()} none; neither reads system
 * properties or the environment.
 *
 * <p><b>Bindings.</b> Guice wires the host. {@link Builder#with} takes modules whose bindings replace the host's:
 * the {@link dev.tokenscale.host.engine.Economics} defaults, {@link Progress}, {@link Notices} (the output sink), and
 * in-process {@link dev.tokenscale.api.AcceleratorFamily} objects added with a {@code Multibinder}.
 *
 * <p><b>Threads.</b> Every call is thread-safe and deterministic: each reads the plugins installed at that moment
 * and computes with immutable values, so one handle can serve many threads. Handles share nothing: two in one JVM,
 * with different plugins, work side by side. Nothing is printed; the host logs through SLF4J.
 *
 * <p><b>Errors.</b> A request that names an unknown model or hardware, or a field out of range, throws {@link
 * InvalidInputException} (an {@link IllegalArgumentException}) with one line for a person.
 */
@Singleton
public final class Tokenscale implements AutoCloseable {

    private final PluginHost host;
    private final Queries queries;
    private volatile boolean closed;

    @Inject
    Tokenscale(PluginHost host, Queries queries) {
        this.host = host;
        this.queries = queries;
    }

    /** A builder with the built-in plugins of the class path and nothing else. */
    public static Builder builder() {
        return new Builder();
    }

    /** Every usable hardware system, sorted by id. */
    public List<Hardware> hardware() {
        return open().hardware();
    }

    /** Every installed model, sorted by id. */
    public List<ModelSummary> models() {
        return open().models();
    }

    /** Every plugin bundle and spec file, with its state and what it provides. */
    public List<Plugin> plugins() {
        open();
        return host.plugins().stream().map(report -> new Plugin(report.name(), report.version(), report.state(),
                report.location(), new Plugin.Provides(report.provides().families(), report.provides().hardware(),
                report.provides().models()), report.error())).toList();
    }

    /**
     * One model on one system: speeds, memory, and every term of the step time. A workload that fits no placement,
     * or not the one requested, is an answer with {@code fits == false}; a requested placement that the model or the
     * system rules out is an {@link InvalidInputException} on {@code placement}.
     */
    public Estimate estimate(EstimateRequest request) {
        return open().estimate(request);
    }

    /** The feasible placements of one model on one system, best first. */
    public PlacementRanking place(PlaceRequest request) {
        return open().place(request);
    }

    /** One model on several systems (every installed one by default), each swept to its frontier, and the premium. */
    public ComparisonResult compare(CompareRequest request) {
        return open().compare(request);
    }

    /** Fleets of each system sized for a facility power budget, serving at an interactivity. */
    public FleetSizing fleet(FleetRequest request) {
        return open().fleet(request);
    }

    /** Stops the framework and deletes its cache folder; the handle answers no more calls. Idempotent. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            host.close();
        }
    }

    private Queries open() {
        if (closed) {
            throw new IllegalStateException("this tokenscale host is closed");
        }
        return queries;
    }

    /**
     * What a host loads and how it is wired. Every path is checked when the host starts: a folder or file that does
     * not exist, a hardware or model file that does not load, or a calibration that does not apply throws {@link
     * InvalidInputException}, and nothing is left running.
     */
    public static final class Builder {
        private boolean builtIns = true;
        private Path builtInFolder;
        private final List<Path> pluginDirs = new ArrayList<>();
        private final List<Path> hardwareFiles = new ArrayList<>();
        private final List<Path> modelFiles = new ArrayList<>();
        private final List<Path> calibrationFiles = new ArrayList<>();
        private final List<Module> overrides = new ArrayList<>();

        private Builder() {
        }

        /** Takes the built-in plugins from this folder (e.g. {@code tokenscale/plugins}) instead of the class path. */
        public Builder builtInPlugins(Path folder) {
            this.builtIns = true;
            this.builtInFolder = Objects.requireNonNull(folder, "folder");
            return this;
        }

        /** Installs no built-in plugins: only what the plugin folders and files provide. */
        public Builder withoutBuiltInPlugins() {
            this.builtIns = false;
            this.builtInFolder = null;
            return this;
        }

        /** Also installs the bundle jars and spec files in this folder (repeatable). */
        public Builder pluginDir(Path folder) {
            pluginDirs.add(Objects.requireNonNull(folder, "folder"));
            return this;
        }

        /** Also loads this spec-only hardware file, YAML or JSON (repeatable); it must load. */
        public Builder hardwareFile(Path file) {
            hardwareFiles.add(Objects.requireNonNull(file, "file"));
            return this;
        }

        /** Also loads this model file, tokenscale YAML/JSON or a Hugging Face config.json (repeatable). */
        public Builder modelFile(Path file) {
            modelFiles.add(Objects.requireNonNull(file, "file"));
            return this;
        }

        /** Applies this calibration ({@code tokenscale calibrate} writes them) to its hardware; one per hardware. */
        public Builder calibrationFile(Path file) {
            calibrationFiles.add(Objects.requireNonNull(file, "file"));
            return this;
        }

        /**
         * Replaces the host's bindings with these modules' (repeatable; a later module wins): {@code binder ->
         * binder.bind(Notices.class).toInstance(myLog::warn)}. In-process families are added, not replaced: {@code
         * Multibinder.newSetBinder(binder, AcceleratorFamily.class).addBinding().toInstance(new MyFamily())}.
         */
        public Builder with(Module... modules) {
            overrides.addAll(List.of(modules));
            return this;
        }

        /** Starts the host. */
        public Tokenscale build() {
            return injector().getInstance(Tokenscale.class);
        }

        /**
         * Starts the host and returns the injector that wired it, for faces that need more than the typed calls:
         * it gives the {@link Tokenscale} handle (close it to stop the host) and the parts it is made of.
         */
        public Injector injector() {
            List<Path> dirs = new ArrayList<>();
            if (builtIns && builtInFolder != null) {
                dirs.add(builtInFolder);
            }
            dirs.addAll(pluginDirs);
            List<Path> jars = builtIns && builtInFolder == null
                    ? ClassPathPlugins.find(Tokenscale.class.getClassLoader()) : List.of();
            HostModule host = new HostModule(new HostModule.Loads(jars, dirs, hardwareFiles, modelFiles,
                    calibrationFiles));
            try {
                Injector injector = Guice.createInjector(Modules.override(host).with(overrides));
                injector.getInstance(Tokenscale.class);
                return injector;
            } catch (ProvisionException e) {
                // What went wrong in starting the host, not Guice's account of where it happened.
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                throw e;
            }
        }
    }
}
