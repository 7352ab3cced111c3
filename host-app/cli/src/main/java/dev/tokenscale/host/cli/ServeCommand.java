package dev.tokenscale.host.cli;

import dev.tokenscale.host.http.ApiServer;
import dev.tokenscale.host.http.ServeRoutes;
import dev.tokenscale.host.runtime.FolderWatcher;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tokenscale serve}: a long-running host with an HTTP JSON API on the loopback interface, which deploys and
 * removes plugins as their files come and go in its plugin folders. Runs until Ctrl-C (or, in tests, an interrupt).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run the host with an HTTP JSON API on 127.0.0.1 (endpoints: docs/http-api.md), "
                + "hot-deploying plugins: a jar or spec file dropped in a plugin folder is loaded, a removed one "
                + "is unloaded, a broken one is reported in GET /plugins. Stop it with Ctrl-C."})
final class ServeCommand implements Callable<Integer> {

    static final String HOST = "127.0.0.1";
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    @Mixin
    HostOptions host;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080",
            description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--poll", paramLabel = "MS", defaultValue = "500",
            description = "How often to look for added, changed or removed plugin files, in ms "
                    + "(default: ${DEFAULT-VALUE}).")
    long pollMillis;

    private final HostLauncher launcher;
    private final Output output;

    @Inject
    ServeCommand(HostLauncher launcher, Output output) {
        this.launcher = launcher;
        this.output = output;
    }

    @Override
    public Integer call() {
        if (port < 0 || port > 65_535) {
            throw new UserException("--port " + port + ": expected 0 to 65535");
        }
        if (pollMillis < 10) {
            throw new UserException("--poll " + pollMillis + ": expected at least 10 ms");
        }
        List<Path> folders = launcher.pluginDirs(host);
        try (Shutdown shutdown = new Shutdown();
             StartedHost running = launcher.start(host);
             FolderWatcher watcher = FolderWatcher.watch(running.host(), folders, Duration.ofMillis(pollMillis),
                     event -> output.line(LocalTime.now().format(CLOCK) + " " + event));
             ApiServer server = bind(running)) {
            output.line("tokenscale serving " + server.uri() + " with " + running.api().hardware().size()
                    + " hardware from " + running.api().plugins().size() + " plugins; watching " + folders
                    + "; Ctrl-C stops");
            shutdown.await();
        }
        return 0;
    }

    private ApiServer bind(StartedHost running) {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's delayed ACK: every
        // answer waits about 40 ms. The property is read once per JVM, which the CLI runs one command in.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            return ServeRoutes.add(ApiServer.builder(), running.api()).start(HOST, port);
        } catch (BindException e) {
            throw new UserException("cannot listen on " + HOST + ":" + port + " (" + e.getMessage()
                    + "); choose another --port, or --port 0 for a free one");
        } catch (IOException e) {
            throw new UserException("cannot start the HTTP server: " + e.getMessage());
        }
    }

    /**
     * The stop signal: Ctrl-C, or an interrupt of the serving thread (tests). The JVM halts as soon as its shutdown
     * hooks return, so the hook waits (briefly) until the server, the watcher and the framework are closed.
     */
    private static final class Shutdown implements AutoCloseable {
        private final CountDownLatch requested = new CountDownLatch(1);
        private final CountDownLatch closed = new CountDownLatch(1);
        private final Thread hook = new Thread(this::onSignal, "tokenscale-shutdown");

        Shutdown() {
            Runtime.getRuntime().addShutdownHook(hook);
        }

        private void onSignal() {
            requested.countDown();
            try {
                closed.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Blocks until a stop is requested. */
        void await() {
            try {
                requested.await();
            } catch (InterruptedException e) {
                // The interrupt is the stop request and is served here; keeping the flag would cut closing short.
            }
        }

        /** Everything is closed: let a halting JVM go on, or forget the hook when the JVM keeps running. */
        @Override
        public void close() {
            closed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // Already shutting down: the hook is running.
            }
        }
    }
}
