package dev.tokenscale.host.embed;

import dev.tokenscale.host.engine.Calibration;
import dev.tokenscale.host.engine.Estimate;
import dev.tokenscale.host.engine.ModelSummary;
import dev.tokenscale.host.runtime.HostConfig;
import dev.tokenscale.host.runtime.Installed;
import dev.tokenscale.host.runtime.PluginHost;
import dev.tokenscale.host.runtime.PluginReport;
import dev.tokenscale.host.calibration.CalibrationFiles;
import dev.tokenscale.host.spec.BoundedInput;
import dev.tokenscale.host.spec.SpecException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * tokenscale inside another program: {@code try (Tokenscale ts = Tokenscale.builder().build()) {
 * ts.compare(CompareRequest.of("gpt-oss-120b")); }}
 *
 * <p>{@link #builder()} collects plugin folders, extra hardware and model files and calibrations; {@link
 * Builder#build()} starts an embedded OSGi framework with them and returns this handle, whose typed calls answer
 * with the same immutable records that the CLI prints with {@code --json} and {@code tokenscale serve} returns over
 * HTTP. {@link #close()} stops the framework and deletes its cache folder.
 *
 * <p><b>Built-in plugins.</b> By default the plugin bundles found on the class path of this library are installed:
 * depend on {@code dev.tokenscale:plugin-nvidia}, {@code plugin-cerebras}, {@code plugin-groq-stacked} and
 * {@code plugin-workloads} (runtime scope) and they are there. {@link Builder#builtInPlugins(Path)} takes a folder
 * instead (a distribution's {@code plugins/}), {@link Builder#withoutBuiltInPlugins()} none; neither reads system
 * properties or the environment.
 *
 * <p><b>Threads.</b> Every call is thread-safe and deterministic: each reads the plugins installed at that moment
 * and computes with immutable values, so one handle can serve many threads. Handles share nothing: two in one JVM,
 * with different plugins, work side by side. Nothing is printed; the host logs through SLF4J.
 *
 * <p><b>Errors.</b> A request that names an unknown model or hardware, or a field out of range, throws {@link
 * InvalidInputException} (an {@link IllegalArgumentException}) with one line for a person.
 */
public final class Tokenscale implements AutoCloseable {

    private final PluginHost host;
    private final Queries queries;
    private volatile boolean closed;

    private Tokenscale(PluginHost host) {
        this.host = host;
        this.queries = new Queries(host);
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
    public List<PluginReport> plugins() {
        open();
        return host.plugins();
    }

    /** One model on one system: speeds, memory, and every term of the step time. */
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
     * What a host loads. Every path is checked when {@link #build()} runs: a folder or file that does not exist, a
     * hardware or model file that does not load, or a calibration that does not apply throws {@link
     * InvalidInputException}, and nothing is left running.
     */
    public static final class Builder {
        private boolean builtIns = true;
        private Path builtInFolder;
        private final List<Path> pluginDirs = new ArrayList<>();
        private final List<Path> hardwareFiles = new ArrayList<>();
        private final List<Path> modelFiles = new ArrayList<>();
        private final List<Path> calibrationFiles = new ArrayList<>();

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

        /** Starts the host. */
        public Tokenscale build() {
            return new Tokenscale(startHost());
        }

        /**
         * Starts the bare plugin host, for the faces that need it beyond the typed calls (the CLI's {@code plugins}
         * and {@code calibrate}, {@code serve}'s hot deploy); the caller closes it.
         */
        public PluginHost startHost() {
            for (Path file : Stream.of(hardwareFiles, modelFiles, calibrationFiles).flatMap(List::stream).toList()) {
                try {
                    BoundedInput.checkFile(file);
                } catch (SpecException e) {
                    throw new InvalidInputException(e.getMessage());
                }
            }
            List<Path> dirs = new ArrayList<>();
            if (builtIns && builtInFolder != null) {
                dirs.add(builtInFolder);
            }
            dirs.addAll(pluginDirs);
            for (Path dir : dirs) {
                if (!Files.isDirectory(dir)) {
                    throw new InvalidInputException(dir + ": no such plugin folder");
                }
            }
            List<Calibration> calibrations = calibrations();
            List<Path> jars = builtIns && builtInFolder == null
                    ? ClassPathPlugins.find(Tokenscale.class.getClassLoader()) : List.of();
            PluginHost host = PluginHost.start(new HostConfig(jars, dirs, hardwareFiles, modelFiles, calibrations));
            try {
                check(host, calibrations);
                return host;
            } catch (RuntimeException e) {
                host.close();
                throw e;
            }
        }

        private List<Calibration> calibrations() {
            List<Calibration> calibrations = new ArrayList<>();
            for (Path file : calibrationFiles) {
                Calibration calibration;
                try {
                    calibration = CalibrationFiles.read(file);
                } catch (SpecException e) {
                    throw new InvalidInputException(e.getMessage());
                }
                for (Calibration other : calibrations) {
                    if (other.hardware().equals(calibration.hardware())) {
                        throw new InvalidInputException(file + ": a second calibration of " + calibration.hardware()
                                + " (after " + other.origin() + "); expected one per hardware");
                    }
                }
                calibrations.add(calibration);
            }
            return calibrations;
        }

        /** A file the caller named must load, and every calibration must apply to installed hardware. */
        private void check(PluginHost host, List<Calibration> calibrations) {
            host.calibrationProblem().ifPresent(problem -> {
                throw new InvalidInputException(problem);
            });
            // Files dropped in a plugin folder are only reported and skipped; a file named here must load.
            List<String> named = Stream.of(hardwareFiles, modelFiles).flatMap(List::stream).map(Path::toString)
                    .toList();
            for (PluginReport plugin : host.plugins()) {
                if (plugin.error() != null && named.contains(plugin.location())) {
                    throw new InvalidInputException(plugin.error());
                }
            }
            if (calibrations.isEmpty()) {
                return;
            }
            Installed installed = host.installed();
            for (Calibration calibration : calibrations) {
                try {
                    Lookup.hardware(installed, calibration.hardware());
                } catch (InvalidInputException e) {
                    throw new InvalidInputException(calibration.origin() + ": " + e.getMessage());
                }
            }
        }
    }
}
