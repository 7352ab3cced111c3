package dev.tokenscale.host.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hot deploy: polls plugin folders and keeps a running host in step with them. A jar or spec file that appears is
 * deployed once it has stopped changing (the same size and time on two polls, so a half-copied jar is never
 * installed); one that changes is redeployed; one that disappears is undeployed, which uninstalls its bundle.
 * A broken one is reported by the host like any other plugin, and the rest keep working.
 *
 * <p>Polling rather than a {@code WatchService}: it behaves the same on every file system (network and container
 * mounts included), and the settle rule needs a second look anyway.
 */
public final class FolderWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FolderWatcher.class);

    private final PluginHost host;
    private final List<Path> folders;
    private final Consumer<String> events;
    /** Files the host holds, with the stamp they had when deployed. */
    private final Map<Path, Stamp> deployed = new HashMap<>();
    /** Files seen new or changed on the last poll, waiting to settle. */
    private final Map<Path, Stamp> settling = new HashMap<>();
    private final ScheduledExecutorService poller;

    /** A file's size and modification time: when both hold still across a poll, the file is complete. */
    private record Stamp(long size, long modified) {
    }

    private FolderWatcher(PluginHost host, List<Path> folders, Consumer<String> events) {
        this.host = host;
        this.folders = List.copyOf(folders);
        this.events = events;
        listing().forEach((file, stamp) -> {
            if (host.holds(file)) {
                deployed.put(file, stamp);
            }
        });
        this.poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "tokenscale-plugin-watcher");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts watching the folders a host was started with.
     *
     * @param events receives one line per change ("deployed x.jar in 40 ms", "removed x.jar", "x.jar failed: ...")
     */
    public static FolderWatcher watch(PluginHost host, List<Path> folders, Duration interval, Consumer<String> events) {
        FolderWatcher watcher = new FolderWatcher(host, folders, events);
        long millis = Math.max(1, interval.toMillis());
        watcher.poller.scheduleWithFixedDelay(watcher::pollSafely, millis, millis, TimeUnit.MILLISECONDS);
        return watcher;
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: log, and keep watching.
            LOG.warn("plugin folder poll failed: {}", e.toString());
            LOG.debug("poll failure", e);
        }
    }

    private void poll() {
        Map<Path, Stamp> now = listing();
        for (Path gone : new ArrayList<>(deployed.keySet())) {
            if (!now.containsKey(gone)) {
                deployed.remove(gone);
                host.undeploy(gone);
                events.accept("removed " + gone.getFileName());
            }
        }
        settling.keySet().retainAll(now.keySet());
        List<Path> ready = new ArrayList<>();
        now.forEach((file, stamp) -> {
            if (stamp.equals(deployed.get(file))) {
                settling.remove(file);
            } else if (stamp.equals(settling.put(file, stamp))) {
                ready.add(file);
            }
        });
        if (ready.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        ready.forEach(host::undeploy);
        host.deploy(ready);
        long millis = (System.nanoTime() - started) / 1_000_000;
        // Reports name a bundle by its URI and a file by its path.
        Map<String, String> errors = new HashMap<>();
        host.plugins().stream().filter(r -> r.error() != null).forEach(r -> errors.put(r.location(), r.error()));
        for (Path file : ready) {
            deployed.put(file, settling.remove(file));
            String error = errors.getOrDefault(file.toUri().toString(), errors.get(file.toString()));
            events.accept(error == null ? "deployed " + file.getFileName() + " in " + millis + " ms"
                    : file.getFileName() + " failed: " + error);
        }
    }

    /** The plugin files (jars and spec files) in the watched folders, sorted so that installs are repeatable. */
    private Map<Path, Stamp> listing() {
        Map<Path, Stamp> files = new TreeMap<>();
        for (Path folder : folders) {
            try (Stream<Path> listing = Files.list(folder)) {
                listing.filter(PluginFolder::isPluginName).forEach(file -> {
                    try {
                        files.put(file, new Stamp(Files.size(file), Files.getLastModifiedTime(file).toMillis()));
                    } catch (IOException e) {
                        // Deleted between listing and reading: the next poll sees it gone.
                    }
                });
            } catch (IOException e) {
                LOG.debug("cannot list {}: {}", folder, e.toString());
            }
        }
        return files;
    }

    @Override
    public void close() {
        poller.shutdownNow();
        try {
            poller.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
