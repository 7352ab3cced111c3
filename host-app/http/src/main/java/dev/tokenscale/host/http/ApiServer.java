package dev.tokenscale.host.http;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small JSON-over-HTTP server on the JDK's {@code com.sun.net.httpserver}: routes are a method and an exact path
 * mapped to a {@link Handler} whose return value is written as JSON with status 200. Every error is JSON too,
 * {@code {"error": {"code", "message"}}}: 404 for an unknown path, 405 for a known path with another method,
 * 4xx for what a handler refuses with {@link ApiException}, 500 (logged) for anything else.
 *
 * <pre>{@code
 * try (ApiServer server = ApiServer.builder().get("/plugins", request -> host.plugins()).start("127.0.0.1", 0)) {
 *     System.out.println(server.uri());
 * }
 * }</pre>
 */
public final class ApiServer implements AutoCloseable {

    /** Largest request body accepted, bytes. */
    public static final int MAX_BODY_BYTES = 1 << 20;
    /** Requests served at once; the rest queue. */
    public static final int THREADS = 16;

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    /** Answers one request; the return value becomes the JSON body. */
    @FunctionalInterface
    public interface Handler {
        Object handle(ApiRequest request);
    }

    private final ObjectMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();
    private final Map<String, Map<String, Handler>> routes;
    private final HttpServer server;
    private final ExecutorService executor;

    private ApiServer(Map<String, Map<String, Handler>> routes, String host, int port) throws IOException {
        Map<String, Map<String, Handler>> all = new LinkedHashMap<>();
        all.put("/", Map.of("GET", request -> Map.of("endpoints", endpoints())));
        routes.forEach((path, byMethod) -> all.put(path, Map.copyOf(byMethod)));
        this.routes = Collections.unmodifiableMap(all);
        this.server = HttpServer.create(new InetSocketAddress(host, port), 0);
        AtomicInteger count = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(THREADS, runnable -> {
            Thread thread = new Thread(runnable, "tokenscale-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::dispatch);
        server.start();
    }

    /** A builder to which routes are added. */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects routes, then binds the server. */
    public static final class Builder {
        private final Map<String, Map<String, Handler>> routes = new LinkedHashMap<>();

        private Builder() {
        }

        /** Answers {@code GET path}. */
        public Builder get(String path, Handler handler) {
            return route("GET", path, handler);
        }

        /** Answers {@code POST path}; the handler reads its body with {@link ApiRequest#body(Class)}. */
        public Builder post(String path, Handler handler) {
            return route("POST", path, handler);
        }

        private Builder route(String method, String path, Handler handler) {
            if (routes.computeIfAbsent(path, p -> new LinkedHashMap<>()).putIfAbsent(method, handler) != null) {
                throw new IllegalArgumentException(method + " " + path + " is already routed");
            }
            return this;
        }

        /** Binds {@code host:port} (port 0 picks a free one) and starts serving. */
        public ApiServer start(String host, int port) throws IOException {
            return new ApiServer(routes, host, port);
        }
    }

    /** Where the server listens, e.g. {@code http://127.0.0.1:8080/}. */
    public URI uri() {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://" + address.getHostString() + ":" + address.getPort() + "/");
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            if (path.length() > 1 && path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            try {
                Map<String, Handler> byMethod = routes.get(path);
                if (byMethod == null) {
                    throw ApiException.notFound("no endpoint " + path + "; endpoints: " + endpoints());
                }
                Handler handler = byMethod.get(method);
                if (handler == null) {
                    exchange.getResponseHeaders().add("Allow", String.join(", ", byMethod.keySet()));
                    throw new ApiException(405, "method_not_allowed", method + " " + path + " is not supported; use "
                            + String.join(" or ", byMethod.keySet()));
                }
                send(exchange, 200, handler.handle(new ApiRequest(exchange, json, MAX_BODY_BYTES)));
            } catch (ApiException e) {
                send(exchange, e.status(), error(e.code(), e.getMessage()));
            } catch (RuntimeException e) {
                LOG.error("{} {} failed", method, path, e);
                send(exchange, 500, error("internal", "internal error: " + e));
            }
        }
    }

    /** The body of every error: {@code {"error": {"code", "message"}}}. */
    record ErrorBody(Error error) {
        record Error(String code, String message) {
        }
    }

    private static ErrorBody error(String code, String message) {
        return new ErrorBody(new ErrorBody.Error(code, message));
    }

    private void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private List<String> endpoints() {
        List<String> endpoints = new ArrayList<>();
        routes.forEach((path, byMethod) -> byMethod.keySet().forEach(method -> endpoints.add(method + " " + path)));
        return endpoints;
    }

    /** Stops accepting requests, lets running ones finish for up to a second, and frees the port. */
    @Override
    public void close() {
        server.stop(1);
        executor.shutdownNow();
    }
}
