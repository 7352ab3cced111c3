package dev.tokenscale.host.runtime;

import java.nio.file.Path;
import java.util.List;

/**
 * What a host loads.
 *
 * @param pluginDirs    folders whose bundle jars and spec files are installed (the built-in folder first)
 * @param hardwareFiles extra spec-only hardware files; one that does not load is not logged but reported by
 *                      {@link PluginHost#plugins()}, so that whoever named it can fail
 * @param modelFiles    extra model files, likewise
 */
public record HostConfig(List<Path> pluginDirs, List<Path> hardwareFiles, List<Path> modelFiles) {
    public HostConfig {
        pluginDirs = List.copyOf(pluginDirs);
        hardwareFiles = List.copyOf(hardwareFiles);
        modelFiles = List.copyOf(modelFiles);
    }
}
