package dev.tokenscale.host.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads spec and model files (YAML or JSON by extension) strictly: an unknown field or a key written twice is an
 * error, not a silent default, and every error is one line that names the file and the field path.
 */
public final class SpecMapper {

    private static final ObjectMapper YAML = configure(YAMLMapper.builder(new YAMLFactory()));
    private static final ObjectMapper JSON = configure(JsonMapper.builder());

    private SpecMapper() {
    }

    private static ObjectMapper configure(com.fasterxml.jackson.databind.cfg.MapperBuilder<?, ?> builder) {
        // A key written twice would otherwise silently keep the last value.
        return builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .build();
    }

    /** Whether the file name has an extension this reader understands. */
    public static boolean isSpecFile(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json");
    }

    /** The mapper for a file name: JSON for {@code .json}, YAML otherwise. */
    public static ObjectMapper mapperFor(String fileName) {
        return fileName.toLowerCase(Locale.ROOT).endsWith(".json") ? JSON : YAML;
    }

    /** Reads a file into a type, turning Jackson's errors into a {@link SpecException} with file and field. */
    public static <T> T read(InputStream in, String fileName, Class<T> type) throws SpecException {
        ObjectMapper mapper = mapperFor(fileName);
        try (JsonParser parser = mapper.createParser(in)) {
            T value = null;
            try {
                if (parser.nextToken() != null) {
                    value = mapper.readValue(parser, type);
                }
            } catch (JsonProcessingException e) {
                // Translated here, while the parser still stands on the offending value.
                throw translate(e, fileName);
            }
            if (value == null) {
                throw new SpecException(fileName, "", "the file is empty");
            }
            return value;
        } catch (IOException e) {
            throw new SpecException(fileName, "", "cannot read: " + e.getMessage());
        }
    }

    private static SpecException translate(JsonProcessingException e, String fileName) {
        String path = e instanceof JsonMappingException mapping ? path(mapping) : "";
        StreamReadException syntax = syntaxError(e);
        if (syntax != null) {
            if (path.isEmpty() && syntax.getProcessor() != null) {
                path = path(syntax.getProcessor().getParsingContext());
            }
            JsonLocation at = syntax.getLocation();
            return new SpecException(fileName, path, "syntax error"
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
                    + ": " + oneLine(syntax.getOriginalMessage()));
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return new SpecException(fileName, path, "unknown field '" + unknown.getPropertyName()
                    + "'; expected one of " + unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                    .collect(Collectors.joining(", ")));
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
                && mismatch.getProcessor() instanceof JsonParser parser) {
            return new SpecException(fileName, path, found(parser) + ": expected " + shape(mismatch.getTargetType()));
        }
        return new SpecException(fileName, path, oneLine(e.getOriginalMessage()));
    }

    /** The parse error behind an exception, or {@code null} when the file parsed but did not fit the schema. */
    private static StreamReadException syntaxError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StreamReadException parse) {
                return parse;
            }
        }
        return null;
    }

    /**
     * A parser message in one line. SnakeYAML writes its context and problem at the start of a line and indents the
     * marks, snippets and carets that point at them; those are dropped (the line and column are given separately).
     */
    private static String oneLine(String message) {
        return message.lines().filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
                .map(String::strip).collect(Collectors.joining(": "));
    }

    /** What the parser stands on, as a user would call it. */
    private static String found(JsonParser parser) {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            return "a mapping";
        }
        if (token == JsonToken.START_ARRAY) {
            return "a list";
        }
        try {
            return "'" + parser.getText() + "'";
        } catch (IOException e) {
            return "the value";
        }
    }

    /** What a field of this type looks like in a file. */
    private static String shape(Class<?> type) {
        if (type.isRecord()) {
            return "a mapping with the fields " + Arrays.stream(type.getRecordComponents())
                    .map(RecordComponent::getName).collect(Collectors.joining(", "));
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "a mapping";
        }
        if (type == String.class) {
            return "a text";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        return "a " + type.getSimpleName().toLowerCase(Locale.ROOT);
    }

    private static String path(JsonStreamContext context) {
        Deque<JsonStreamContext> steps = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            steps.push(c);
        }
        StringBuilder path = new StringBuilder();
        steps.forEach(c -> step(path, c.inArray() ? Math.max(c.getCurrentIndex(), 0) : -1, c.getCurrentName()));
        return path.toString();
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        e.getPath().forEach(ref -> step(path, ref.getIndex(), ref.getFieldName()));
        return path.toString();
    }

    /** Appends one step of a field path: {@code [index]} for a list entry, {@code .name} for a field. */
    private static void step(StringBuilder path, int index, String name) {
        if (index >= 0) {
            path.append('[').append(index).append(']');
        } else if (name != null) {
            path.append(path.isEmpty() ? "" : ".").append(name);
        }
    }
}
