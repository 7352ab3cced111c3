package dev.tokenscale.host.embed;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import dev.tokenscale.api.AcceleratorFamily;
import dev.tokenscale.host.calibration.CalibrationFiles;
import dev.tokenscale.host.engine.Calibration;
import dev.tokenscale.host.engine.Economics;
import dev.tokenscale.host.runtime.HostConfig;
import dev.tokenscale.host.runtime.Installed;
import dev.tokenscale.host.runtime.PluginHost;
import dev.tokenscale.host.runtime.PluginReport;
import dev.tokenscale.host.spec.BoundedInput;
import dev.tokenscale.host.spec.SpecException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The host's composition root: the bindings an integrator may replace ({@link Economics} defaults, {@link Progress},
 * {@link Notices}, in-process {@link AcceleratorFamily} objects) and the plugin host started from what the
 * {@link Tokenscale.Builder} collected, with those bindings.
 */
final class HostModule extends AbstractModule {

    private final Loads loads;

    /**
     * What a host loads.
     *
     * @param builtInJars      the built-in plugin jars found on the class path
     * @param pluginDirs       plugin folders, the built-in one first
     * @param hardwareFiles    spec-only hardware files that must load
     * @param modelFiles       model files that must load
     * @param calibrationFiles calibration files, one per hardware
     */
    record Loads(List<Path> builtInJars, List<Path> pluginDirs, List<Path> hardwareFiles, List<Path> modelFiles,
                 List<Path> calibrationFiles) {
        Loads {
            builtInJars = List.copyOf(builtInJars);
            pluginDirs = List.copyOf(pluginDirs);
            hardwareFiles = List.copyOf(hardwareFiles);
            modelFiles = List.copyOf(modelFiles);
            calibrationFiles = List.copyOf(calibrationFiles);
        }
    }

    HostModule(Loads loads) {
        this.loads = loads;
    }

    @Override
    protected void configure() {
        bind(Economics.class).toInstance(Economics.DEFAULT);
        bind(Progress.class).toInstance((hardware, done, total) -> { });
        bind(Notices.class).toInstance(HostConfig.LOG_WARNINGS::accept);
        // Empty unless a module adds families: Multibinder.newSetBinder(binder(), AcceleratorFamily.class).
        Multibinder.newSetBinder(binder(), AcceleratorFamily.class);
    }

    /**
     * The plugin host. Every path is checked first, and then every named file must load and every calibration must
     * apply to installed hardware; otherwise {@link InvalidInputException}, and nothing is left running.
     */
    @Provides
    @Singleton
    PluginHost pluginHost(Set<AcceleratorFamily> families, Notices notices) {
        for (Path file : Stream.of(loads.hardwareFiles(), loads.modelFiles(), loads.calibrationFiles())
                .flatMap(List::stream).toList()) {
            try {
                BoundedInput.checkFile(file);
            } catch (SpecException e) {
                throw new InvalidInputException(e.getMessage());
            }
        }
        for (Path dir : loads.pluginDirs()) {
            if (!Files.isDirectory(dir)) {
                throw new InvalidInputException(dir + ": no such plugin folder");
            }
        }
        List<Calibration> calibrations = calibrations();
        PluginHost host = PluginHost.start(new HostConfig(loads.builtInJars(), loads.pluginDirs(),
                loads.hardwareFiles(), loads.modelFiles(), calibrations, List.copyOf(families), notices::notice));
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
        for (Path file : loads.calibrationFiles()) {
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
        List<String> named = Stream.of(loads.hardwareFiles(), loads.modelFiles()).flatMap(List::stream)
                .map(Path::toString).toList();
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
                Lookup.hardware(installed.accelerators(), calibration.hardware());
            } catch (InvalidInputException e) {
                throw new InvalidInputException(calibration.origin() + ": " + e.getMessage());
            }
        }
    }
}
