package dev.tokenscale.host.cli;

import ch.qos.logback.classic.Level;
import com.google.inject.Injector;
import dev.tokenscale.host.embed.Notices;
import dev.tokenscale.host.embed.Progress;
import dev.tokenscale.host.embed.Tokenscale;
import dev.tokenscale.host.runtime.PluginHost;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the host a command asks for through the embedding API: the distribution's built-in {@code plugins/}
 * folder plus whatever the command line adds, with the CLI's own {@link Notices} (one line each on standard error)
 * and {@link Progress} (a bar on a terminal) in place of the host's. The distribution folder is the
 * {@code tokenscale.home} system property that the {@code ./tokenscale} script sets.
 */
final class HostLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(HostLauncher.class);

    private final Notices notices;
    private final Progress progress;

    @Inject
    HostLauncher(Notices notices, Progress progress) {
        this.notices = notices;
        this.progress = progress;
    }

    /**
     * Starts a host; the caller closes it. {@code -v} lowers the process's log level to debug: the CLI runs one
     * command per JVM, which is why only it, never the embedding API, changes the logging configuration.
     */
    StartedHost start(HostOptions options) {
        if (options.verbose) {
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.DEBUG);
        }
        long started = System.nanoTime();
        Tokenscale.Builder builder = Tokenscale.builder().with(binder -> {
            binder.bind(Notices.class).toInstance(notices);
            binder.bind(Progress.class).toInstance(progress);
        });
        builtInPlugins().ifPresent(builder::builtInPlugins);
        options.pluginDirs.forEach(builder::pluginDir);
        options.hardwareFiles.forEach(builder::hardwareFile);
        options.modelFiles.forEach(builder::modelFile);
        options.calibrationFiles.forEach(builder::calibrationFile);
        Injector injector = builder.injector();
        LOG.info("host started in {} ms (JVM up {} ms)", (System.nanoTime() - started) / 1_000_000,
                ManagementFactory.getRuntimeMXBean().getUptime());
        return new StartedHost(injector.getInstance(Tokenscale.class), injector.getInstance(PluginHost.class));
    }

    /** The plugin folders a command loads: the built-in one first, then those given with {@code --plugins}. */
    List<Path> pluginDirs(HostOptions options) {
        List<Path> dirs = new ArrayList<>();
        builtInPlugins().ifPresent(dirs::add);
        dirs.addAll(options.pluginDirs);
        return dirs;
    }

    /** The distribution's built-in plugin folder, when there is one. */
    Optional<Path> builtInPlugins() {
        String home = System.getProperty("tokenscale.home");
        if (home == null) {
            return Optional.empty();
        }
        Path plugins = Path.of(home, "plugins");
        return Files.isDirectory(plugins) ? Optional.of(plugins) : Optional.empty();
    }
}
