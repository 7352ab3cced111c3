package dev.tokenscale.host.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** One request as a handler sees it: its query parameters and its JSON body, read strictly and size-limited. */
public final class ApiRequest {

    private final HttpExchange exchange;
    private final ObjectMapper json;
    private final int maxBodyBytes;

    ApiRequest(HttpExchange exchange, ObjectMapper json, int maxBodyBytes) {
        this.exchange = exchange;
        this.json = json;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** A query parameter, e.g. {@code family} in {@code /hardware?family=nvidia-hbm}. */
    public Optional<String> query(String name) {
        return Optional.ofNullable(queryParameters().get(name));
    }

    private Map<String, String> queryParameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                parameters.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return parameters;
    }

    /**
     * The JSON body as {@code type}. Unknown fields, malformed JSON, an empty body (400) and a body over the size
     * limit (413) are user mistakes and answered as such.
     */
    public <T> T body(Class<T> type) {
        byte[] bytes = readBody();
        if (bytes.length == 0) {
            throw ApiException.badRequest("a JSON body is required");
        }
        try {
            return json.readValue(bytes, type);
        } catch (UnrecognizedPropertyException e) {
            throw ApiException.badRequest("unknown field '" + e.getPropertyName() + "'; expected one of "
                    + e.getKnownPropertyIds());
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("invalid JSON body: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] readBody() {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(maxBodyBytes + 1);
            if (bytes.length > maxBodyBytes) {
                throw new ApiException(413, "payload_too_large", "the body is over " + maxBodyBytes + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw ApiException.badRequest("cannot read the body: " + e.getMessage());
        }
    }
}
