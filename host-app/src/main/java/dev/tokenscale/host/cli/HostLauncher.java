package dev.tokenscale.host.cli;

import ch.qos.logback.classic.Level;
import dev.tokenscale.host.runtime.HostConfig;
import dev.tokenscale.host.runtime.PluginHost;
import dev.tokenscale.host.runtime.PluginReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        for (Path file : concat(options.hardwareFiles, options.modelFiles)) {
            if (!Files.isRegularFile(file)) {
                throw new UserException(file + ": no such file");
            }
        }
        for (Path dir : options.pluginDirs) {
            if (!Files.isDirectory(dir)) {
                throw new UserException(dir + ": no such plugin folder");
            }
        }
        List<Path> dirs = new ArrayList<>();
        builtInPlugins().ifPresent(dirs::add);
        dirs.addAll(options.pluginDirs);
        PluginHost host = PluginHost.start(new HostConfig(dirs, options.hardwareFiles, options.modelFiles));
        List<PluginReport> plugins = host.plugins();
        // A file the user named must load; files dropped in a plugin folder are only reported and skipped.
        List<String> named = concat(options.hardwareFiles, options.modelFiles).stream().map(Path::toString).toList();
        for (PluginReport plugin : plugins) {
            if (plugin.error() != null && named.contains(plugin.location())) {
                host.close();
                throw new UserException(plugin.error());
            }
        }
        LOG.info("host started with {} plugins in {} ms (JVM up {} ms)", plugins.size(),
                (System.nanoTime() - started) / 1_000_000,
                java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
        return host;
    }

    private static java.util.Optional<Path> builtInPlugins() {
        String home = System.getProperty("tokenscale.home");
        if (home == null) {
            return java.util.Optional.empty();
        }
        Path plugins = Path.of(home, "plugins");
        return Files.isDirectory(plugins) ? java.util.Optional.of(plugins) : java.util.Optional.empty();
    }

    private static List<Path> concat(List<Path> a, List<Path> b) {
        List<Path> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
