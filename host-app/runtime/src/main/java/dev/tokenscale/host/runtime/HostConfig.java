package dev.tokenscale.host.runtime;

import dev.tokenscale.api.AcceleratorFamily;
import dev.tokenscale.host.engine.Calibration;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * What a host loads, and where it reports what it skipped.
 *
 * @param pluginJars    bundle jars installed before the folders' (the built-in plugins found on a class path)
 * @param pluginDirs    folders whose bundle jars and spec files are installed (the built-in folder first)
 * @param hardwareFiles extra spec-only hardware files; one that does not load is not a notice but reported by
 *                      {@link PluginHost#plugins()}, so that whoever named it can fail
 * @param modelFiles    extra model files, likewise
 * @param calibrations  fitted execution parameters to apply to the named hardware, at most one per hardware
 * @param families      families given in Java, in process (no bundle), next to the host's default roofline
 * @param notices       receives one line per plugin, file or spec that the host skips, once each
 */
public record HostConfig(List<Path> pluginJars, List<Path> pluginDirs, List<Path> hardwareFiles,
                         List<Path> modelFiles, List<Calibration> calibrations, List<AcceleratorFamily> families,
                         Consumer<String> notices) {

    /** The notices as SLF4J warnings, the host's default. */
    public static final Consumer<String> LOG_WARNINGS = LoggerFactory.getLogger(PluginHost.class)::warn;

    public HostConfig {
        pluginJars = List.copyOf(pluginJars);
        pluginDirs = List.copyOf(pluginDirs);
        hardwareFiles = List.copyOf(hardwareFiles);
        modelFiles = List.copyOf(modelFiles);
        calibrations = List.copyOf(calibrations);
        families = List.copyOf(families);
        Objects.requireNonNull(notices, "notices");
        if (calibrations.stream().map(Calibration::hardware).distinct().count() < calibrations.size()) {
            throw new IllegalArgumentException("two calibrations for the same hardware");
        }
    }

    /** What a host loads from folders and files, without calibrations or in-process families; notices are logged. */
    public HostConfig(List<Path> pluginDirs, List<Path> hardwareFiles, List<Path> modelFiles) {
        this(List.of(), pluginDirs, hardwareFiles, modelFiles, List.of(), List.of(), LOG_WARNINGS);
    }
}
