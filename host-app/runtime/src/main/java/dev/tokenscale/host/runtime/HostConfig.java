package dev.tokenscale.host.runtime;

import dev.tokenscale.host.engine.Calibration;
import java.nio.file.Path;
import java.util.List;

/**
 * What a host loads.
 *
 * @param pluginJars    bundle jars installed before the folders' (the built-in plugins found on a class path)
 * @param pluginDirs    folders whose bundle jars and spec files are installed (the built-in folder first)
 * @param hardwareFiles extra spec-only hardware files; one that does not load is not logged but reported by
 *                      {@link PluginHost#plugins()}, so that whoever named it can fail
 * @param modelFiles    extra model files, likewise
 * @param calibrations  fitted execution parameters to apply to the named hardware, at most one per hardware
 */
public record HostConfig(List<Path> pluginJars, List<Path> pluginDirs, List<Path> hardwareFiles,
                         List<Path> modelFiles, List<Calibration> calibrations) {
    public HostConfig {
        pluginJars = List.copyOf(pluginJars);
        pluginDirs = List.copyOf(pluginDirs);
        hardwareFiles = List.copyOf(hardwareFiles);
        modelFiles = List.copyOf(modelFiles);
        calibrations = List.copyOf(calibrations);
        if (calibrations.stream().map(Calibration::hardware).distinct().count() < calibrations.size()) {
            throw new IllegalArgumentException("two calibrations for the same hardware");
        }
    }

    /** What a host loads from folders and files, without calibrations. */
    public HostConfig(List<Path> pluginDirs, List<Path> hardwareFiles, List<Path> modelFiles) {
        this(List.of(), pluginDirs, hardwareFiles, modelFiles, List.of());
    }
}
