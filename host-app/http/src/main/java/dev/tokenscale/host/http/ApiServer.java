package dev.tokenscale.host.http;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.tokenscale.host.spec.FiniteNumbers;
import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small JSON-over-HTTP server on Jetty: routes are a method and an exact path mapped to a {@link Handler} whose
 * return value is written as JSON with status 200. Every error is JSON too, {@code {"error": {"code", "message"}}}:
 * 404 for an unknown path, 405 for a known path with another method, 4xx for what a handler refuses with
 * {@link ApiException}, 500 (logged) for anything else.
 *
 * <p>Slow and stalled clients cost no worker: Jetty reads headers and bodies without blocking a thread, a request
 * reaches the {@link #THREADS} workers only once its whole body has arrived, a connection that sends nothing for
 * {@link #IDLE_TIMEOUT_MILLIS} is closed, and at most {@link #MAX_CONNECTIONS} are open at once (the rest wait to be
 * accepted).
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
    /** Requests computed at once; the rest queue. */
    public static final int THREADS = 16;
    /** Connections open at once. */
    public static final int MAX_CONNECTIONS = 512;
    /** A connection that sends nothing for this long (in its headers, its body or between requests) is closed. */
    public static final long IDLE_TIMEOUT_MILLIS = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    /** Answers one request; the return value becomes the JSON body. */
    @FunctionalInterface
    public interface Handler {
        Object handle(ApiRequest request);
    }

    /** Reads request bodies strictly and writes answers (every number finite). */
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            // A number or a boolean where a text belongs ("model": 5) is a mistake, not the text "5".
            .withCoercionConfig(LogicalType.Textual, text -> text
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .addModule(FiniteNumbers.module())
            .build();
    private final Map<String, Map<String, Handler>> routes;
    private final Server server;
    private final ServerConnector connector;
    private final ExecutorService workers;

    private ApiServer(Map<String, Map<String, Handler>> routes, String host, int port) throws IOException {
        Map<String, Map<String, Handler>> all = new LinkedHashMap<>();
        all.put("/", Map.of("GET", request -> Map.of("endpoints", endpoints())));
        routes.forEach((path, byMethod) -> all.put(path, Map.copyOf(byMethod)));
        this.routes = Collections.unmodifiableMap(all);
        AtomicInteger count = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(THREADS, runnable -> {
            Thread thread = new Thread(runnable, "tokenscale-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        QueuedThreadPool io = new QueuedThreadPool(16, 2);
        io.setName("tokenscale-http-io");
        io.setDaemon(true);
        this.server = new Server(io);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        this.connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(IDLE_TIMEOUT_MILLIS);
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(MAX_CONNECTIONS, connector));
        server.setHandler(new org.eclipse.jetty.server.Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                receive(request, response, callback);
                return true;
            }
        });
        try {
            server.start();
        } catch (Exception e) {
            workers.shutdownNow();
            // Jetty wraps the JDK's bind failure; callers tell "address in use" from other failures by its type.
            if (e.getCause() instanceof BindException bind) {
                throw bind;
            }
            throw new IOException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
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
        return URI.create("http://" + connector.getHost() + ":" + connector.getLocalPort() + "/");
    }

    /**
     * Reads the whole body without holding a thread, then hands the request to a worker. A body declared or found
     * larger than {@link #MAX_BODY_BYTES} is refused without being read.
     */
    private void receive(Request request, Response response, Callback callback) {
        if (request.getLength() > MAX_BODY_BYTES) {
            replyAndClose(response, callback, tooLarge());
            return;
        }
        Content.Source.asByteArrayAsync(request, MAX_BODY_BYTES).whenComplete((body, failure) -> {
            if (failure != null) {
                // Over the limit without a declared length, or the client went away or stalled past the timeout.
                replyAndClose(response, callback, request.getLength() < 0 ? tooLarge()
                        : new Answer(400, error("bad_request", "cannot read the body")));
                return;
            }
            try {
                workers.execute(() -> reply(response, callback, answer(request.getMethod(),
                        Request.getPathInContext(request), request.getHttpURI().getQuery(), body)));
            } catch (RejectedExecutionException closing) {
                callback.failed(closing);
            }
        });
    }

    /** A status, its body and, for a 405, the methods the path allows. */
    private record Answer(int status, Object body, String allow) {
        Answer(int status, Object body) {
            this(status, body, null);
        }
    }

    private static Answer tooLarge() {
        return new Answer(413, error("payload_too_large", "the body is over " + MAX_BODY_BYTES + " bytes"));
    }

    /**
     * Answers a request whose body was not read to its end: the connection cannot carry another request, so the
     * answer says it closes, and a client never sends its next request into a connection the server drops.
     */
    private void replyAndClose(Response response, Callback callback, Answer answer) {
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        reply(response, callback, answer);
    }

    private void reply(Response response, Callback callback, Answer answer) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(answer.body());
        } catch (IOException e) {
            LOG.error("cannot write an answer", e);
            callback.failed(e);
            return;
        }
        response.setStatus(answer.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        if (answer.allow() != null) {
            response.getHeaders().put(HttpHeader.ALLOW, answer.allow());
        }
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    private Answer answer(String method, String rawPath, String rawQuery, byte[] body) {
        String path = rawPath.length() > 1 && rawPath.endsWith("/") ? rawPath.substring(0, rawPath.length() - 1)
                : rawPath;
        try {
            Map<String, Handler> byMethod = routes.get(path);
            if (byMethod == null) {
                throw ApiException.notFound("no endpoint " + path + "; endpoints: " + endpoints());
            }
            Handler handler = byMethod.get(method);
            if (handler == null) {
                return new Answer(405, error("method_not_allowed", method + " " + path + " is not supported; use "
                        + String.join(" or ", byMethod.keySet())), String.join(", ", byMethod.keySet()));
            }
            return new Answer(200, handler.handle(new ApiRequest(rawQuery, body, JSON)));
        } catch (ApiException e) {
            return new Answer(e.status(), error(e.code(), e.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", method, path, e);
            return new Answer(500, error("internal", "internal error: " + e));
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

    private List<String> endpoints() {
        List<String> endpoints = new ArrayList<>();
        routes.forEach((path, byMethod) -> byMethod.keySet().forEach(method -> endpoints.add(method + " " + path)));
        return endpoints;
    }

    /** Stops accepting requests, lets running ones finish for up to a second, and frees the port. */
    @Override
    public void close() {
        server.setStopTimeout(1000);
        try {
            server.stop();
        } catch (Exception e) {
            LOG.debug("server stop failed", e);
        }
        workers.shutdownNow();
    }
}
