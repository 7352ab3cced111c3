package dev.tokenscale.host.cli;

import ch.qos.logback.classic.Level;
import dev.tokenscale.host.engine.Calibration;
import dev.tokenscale.host.runtime.HostConfig;
import dev.tokenscale.host.runtime.Installed;
import dev.tokenscale.host.runtime.PluginHost;
import dev.tokenscale.host.runtime.PluginReport;
import dev.tokenscale.host.spec.CalibrationFiles;
import dev.tokenscale.host.spec.SpecException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the plugin host a command asks for: the distribution's built-in {@code plugins/} folder plus whatever the
 * command line adds. The distribution folder is the {@code tokenscale.home} system property that the
 * {@code ./tokenscale} script sets.
 */
public final class HostLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(HostLauncher.class);

    /** Starts a host; the caller closes it. */
    public PluginHost start(HostOptions options) {
        if (options.verbose) {
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.DEBUG);
        }
        long started = System.nanoTime();
        for (Path file : Stream.of(options.hardwareFiles, options.modelFiles, options.calibrationFiles)
                .flatMap(List::stream).toList()) {
            if (!Files.isRegularFile(file)) {
                throw new UserException(file + ": no such file");
            }
        }
        for (Path dir : options.pluginDirs) {
            if (!Files.isDirectory(dir)) {
                throw new UserException(dir + ": no such plugin folder");
            }
        }
        List<Calibration> calibrations = calibrations(options.calibrationFiles);
        PluginHost host = PluginHost.start(new HostConfig(pluginDirs(options), options.hardwareFiles,
                options.modelFiles, calibrations));
        host.calibrationProblem().ifPresent(problem -> {
            host.close();
            throw new UserException(problem);
        });
        List<PluginReport> plugins = host.plugins();
        // A file the user named must load; files dropped in a plugin folder are only reported and skipped.
        List<String> named = Stream.of(options.hardwareFiles, options.modelFiles).flatMap(List::stream)
                .map(Path::toString).toList();
        for (PluginReport plugin : plugins) {
            if (plugin.error() != null && named.contains(plugin.location())) {
                host.close();
                throw new UserException(plugin.error());
            }
        }
        checkCalibrations(host, calibrations);
        LOG.info("host started with {} plugins in {} ms (JVM up {} ms)", plugins.size(),
                (System.nanoTime() - started) / 1_000_000,
                java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
        return host;
    }

    /** Every calibration names installed hardware; else the host closes. */
    private static void checkCalibrations(PluginHost host, List<Calibration> calibrations) {
        if (calibrations.isEmpty()) {
            return;
        }
        Installed installed = host.installed();
        for (Calibration calibration : calibrations) {
            try {
                Lookup.hardware(installed, calibration.hardware());
            } catch (UserException e) {
                host.close();
                throw new UserException(calibration.origin() + ": " + e.getMessage());
            }
        }
    }

    private static List<Calibration> calibrations(List<Path> files) {
        List<Calibration> calibrations = new ArrayList<>();
        for (Path file : files) {
            Calibration calibration;
            try {
                calibration = CalibrationFiles.read(file);
            } catch (SpecException e) {
                throw new UserException(e.getMessage());
            }
            for (Calibration other : calibrations) {
                if (other.hardware().equals(calibration.hardware())) {
                    throw new UserException(file + ": a second calibration of " + calibration.hardware() + " (after "
                            + other.origin() + "); expected one per hardware");
                }
            }
            calibrations.add(calibration);
        }
        return calibrations;
    }

    /** The plugin folders a command loads: the built-in one first, then those given with {@code --plugins}. */
    public List<Path> pluginDirs(HostOptions options) {
        List<Path> dirs = new ArrayList<>();
        builtInPlugins().ifPresent(dirs::add);
        dirs.addAll(options.pluginDirs);
        return dirs;
    }

    /** The distribution's built-in plugin folder, when there is one. */
    public java.util.Optional<Path> builtInPlugins() {
        String home = System.getProperty("tokenscale.home");
        if (home == null) {
            return java.util.Optional.empty();
        }
        Path plugins = Path.of(home, "plugins");
        return Files.isDirectory(plugins) ? java.util.Optional.of(plugins) : java.util.Optional.empty();
    }
}
