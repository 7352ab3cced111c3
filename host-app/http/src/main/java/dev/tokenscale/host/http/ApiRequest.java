package dev.tokenscale.host.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** One request as a handler sees it: its query parameters and its JSON body, read strictly and size-limited. */
public final class ApiRequest {

    private final String rawQuery;
    private final byte[] body;
    private final ObjectMapper json;

    /** A request with its raw query string ({@code null} when none) and its whole body. */
    ApiRequest(String rawQuery, byte[] body, ObjectMapper json) {
        this.rawQuery = rawQuery;
        this.body = body;
        this.json = json;
    }

    /** A query parameter, e.g. {@code family} in {@code /hardware?family=nvidia-hbm}. */
    public Optional<String> query(String name) {
        return Optional.ofNullable(queryParameters().get(name));
    }

    private Map<String, String> queryParameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                parameters.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return parameters;
    }

    /**
     * The JSON body as {@code type}. Malformed JSON, an empty body, a body that is not an object ({@code null},
     * a number), an unknown field, a value of the wrong type or one that the type's constructor refuses with an
     * {@link IllegalArgumentException} are user mistakes, answered with a 400.
     */
    public <T> T body(Class<T> type) {
        if (body.length == 0) {
            throw ApiException.badRequest("a JSON body is required");
        }
        try {
            JsonNode tree = json.readTree(body);
            if (tree.isMissingNode()) {
                throw ApiException.badRequest("a JSON body is required");
            }
            if (!tree.isObject()) {
                throw ApiException.badRequest("expected a JSON object");
            }
            // Unknown fields first: a record's constructor would otherwise refuse the fields it misses.
            List<String> known = json.getDeserializationConfig().introspect(json.constructType(type))
                    .findProperties().stream().map(BeanPropertyDefinition::getName).sorted().toList();
            for (Iterator<String> names = tree.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!known.contains(name)) {
                    throw ApiException.badRequest("unknown field '" + name + "'; expected one of " + known);
                }
            }
            return json.treeToValue(tree, type);
        } catch (UnrecognizedPropertyException e) {
            throw ApiException.badRequest("unknown field '" + path(e) + "'; expected one of "
                    + e.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList());
        } catch (MismatchedInputException e) {
            throw ApiException.badRequest(e.getPath().isEmpty() ? "expected a JSON object"
                    : "field '" + path(e) + "': expected " + describe(e.getTargetType()));
        } catch (ValueInstantiationException e) {
            // The type's constructor refused a value: its own message says which and why.
            if (e.getCause() instanceof IllegalArgumentException refused) {
                throw ApiException.badRequest(refused.getMessage());
            }
            throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("invalid JSON body: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where in the body a mapping error is, e.g. {@code placement.tensorParallel} or {@code items[2]}. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
            } else {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** What a JSON value of a Java type looks like, for people. */
    private static String describe(Class<?> type) {
        if (type == null) {
            return "another kind of value";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants())
                    .map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT)).toList();
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return type == String.class ? "a string" : "an object";
    }
}
