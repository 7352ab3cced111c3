package dev.tokenscale.host.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenscale.host.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code tokenscale serve --port 0} run in this JVM as a user runs it (through {@link Main}), on a thread, with
 * real HTTP on localhost; {@link #close()} stops it as Ctrl-C would and checks that it exited cleanly.
 */
public final class RunningServe implements AutoCloseable {

    /** How long starting, stopping and each request may take. */
    public static final Duration WAIT = Duration.ofSeconds(20);
    private static final Pattern URL = Pattern.compile("tokenscale serving (http://127\\.0\\.0\\.1:\\d+/) with");

    private final StringWriter out = new StringWriter();
    private final AtomicInteger exitCode = new AtomicInteger(-1);
    private final HttpClient http = HttpClient.newHttpClient();
    private final Thread server;
    private final URI base;

    private RunningServe(String... options) throws InterruptedException {
        String[] args = Stream.concat(Stream.of("serve", "--port", "0"), Stream.of(options)).toArray(String[]::new);
        server = new Thread(() -> exitCode.set(Main.run(args, new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true))), "serve-under-test");
        server.start();
        long deadline = System.nanoTime() + WAIT.toNanos();
        Matcher started = URL.matcher("");
        while (!started.reset(out.toString()).find()) {
            assertTrue(System.nanoTime() < deadline && server.isAlive(), "serve did not start: " + out);
            Thread.sleep(20);
        }
        base = URI.create(started.group(1));
    }

    /** Starts {@code serve --port 0} with these further options. */
    public static RunningServe start(String... options) throws InterruptedException {
        return new RunningServe(options);
    }

    /** Where it listens, e.g. {@code http://127.0.0.1:41234/}. */
    public URI base() {
        return base;
    }

    /** What it printed so far. */
    public String output() {
        return out.toString();
    }

    /** Sends a request with this method, path (relative to the base) and body ({@code null} for none). */
    public HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        return http.send(HttpRequest.newBuilder(base.resolve(path)).method(method, publisher).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws InterruptedException {
        server.interrupt();
        server.join(WAIT.toMillis());
        assertFalse(server.isAlive(), "serve did not stop");
        assertEquals(0, exitCode.get(), out.toString());
    }
}
