package dev.tokenscale.host.spec;

import com.fasterxml.jackson.core.ErrorReportConfiguration;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads spec and model files (YAML or JSON by extension) strictly: an unknown field, a key written twice, a
 * fraction where a whole number belongs or a YAML alias is an error, not a silent default, and every error is one
 * line that names the file and the field path. Input is bounded ({@link BoundedInput}) before it is parsed, and an
 * error quotes at most {@link #QUOTED_CHARS} characters of what the file holds, so that pointing a reader at a
 * file that is not a spec never discloses that file.
 */
public final class SpecMapper {

    /** Most characters of a file's content that an error quotes. */
    public static final int QUOTED_CHARS = 40;

    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxDocumentLength(BoundedInput.SPEC_BYTES).maxNestingDepth(64).maxNumberLength(64)
            .maxStringLength(64 << 10).build();
    private static final ErrorReportConfiguration QUOTING = ErrorReportConfiguration.builder()
            .maxErrorTokenLength(QUOTED_CHARS).maxRawContentLength(0).build();

    private static final ObjectMapper YAML = configure(YAMLMapper.builder(YAMLFactory.builder()
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL).streamReadConstraints(LIMITS)
            .errorReportConfiguration(QUOTING).build()));
    private static final ObjectMapper JSON = configure(JsonMapper.builder(new JsonFactoryBuilder()
            .streamReadConstraints(LIMITS).errorReportConfiguration(QUOTING).build()));

    private SpecMapper() {
    }

    private static ObjectMapper configure(com.fasterxml.jackson.databind.cfg.MapperBuilder<?, ?> builder) {
        // A key written twice would otherwise silently keep the last value, and 32.5 layers would be read as 32.
        return builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
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

    /** Reads a file of at most {@link BoundedInput#SPEC_BYTES} into a type. */
    public static <T> T read(Path file, Class<T> type) throws SpecException {
        return read(BoundedInput.read(file, BoundedInput.SPEC_BYTES), file.toString(), type);
    }

    /** Reads a stream of at most {@link BoundedInput#SPEC_BYTES} into a type; {@code fileName} names it. */
    public static <T> T read(InputStream in, String fileName, Class<T> type) throws SpecException {
        return read(BoundedInput.read(in, BoundedInput.SPEC_BYTES, fileName), fileName, type);
    }

    /** Reads a file's bytes into a type, turning Jackson's errors into a {@link SpecException} with file and field. */
    public static <T> T read(byte[] content, String fileName, Class<T> type) throws SpecException {
        ObjectMapper mapper = mapperFor(fileName);
        try (JsonParser parser = parser(mapper, content, fileName)) {
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
            throw new SpecException(fileName, "", "cannot read: " + BoundedInput.reason(e));
        }
    }

    /** The tree of a file's bytes (for telling kinds of file apart), or an error as {@link #read} reports it. */
    public static JsonNode tree(byte[] content, String fileName) throws SpecException {
        ObjectMapper mapper = mapperFor(fileName);
        try (JsonParser parser = parser(mapper, content, fileName)) {
            return parser.nextToken() == null ? null : mapper.readTree(parser);
        } catch (JsonProcessingException e) {
            throw translate(e, fileName);
        } catch (IOException e) {
            throw new SpecException(fileName, "", "cannot read: " + BoundedInput.reason(e));
        }
    }

    private static JsonParser parser(ObjectMapper mapper, byte[] content, String fileName) throws IOException,
            SpecException {
        if (mapper == YAML) {
            refuseAliases(content, fileName);
        }
        return mapper.createParser(content);
    }

    /**
     * Refuses YAML aliases before the file is read: Jackson would read {@code *d0} as the text "d0" rather than the
     * anchored value, a silent wrong value.
     */
    private static void refuseAliases(byte[] content, String fileName) throws SpecException {
        try (JsonParser parser = YAML.createParser(content)) {
            while (parser.nextToken() != null) {
                if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
                    throw new SpecException(fileName, "", "YAML alias *" + quoted(parser.getText()) + " at line "
                            + parser.currentLocation().getLineNr() + ": aliases are not supported; write the value out");
                }
            }
        } catch (IOException e) {
            // A syntax error: the reading itself reports it with its line, column and field path.
        }
    }

    /** Text from a file as an error may quote it: at most {@link #QUOTED_CHARS} characters, on one line. */
    public static String quoted(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() <= QUOTED_CHARS ? line : line.substring(0, QUOTED_CHARS - 3) + "...";
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
                    + ": " + clipped(oneLine(syntax.getOriginalMessage())));
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
        return new SpecException(fileName, path, clipped(oneLine(e.getOriginalMessage())));
    }

    /** A parser or mapper message cut to a length that cannot carry much of the file it quotes. */
    private static String clipped(String message) {
        return message.length() <= 3 * QUOTED_CHARS ? message : message.substring(0, 3 * QUOTED_CHARS - 3) + "...";
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
        // A wrapped decoding error starts with its exception's class name, which says nothing to a user.
        return message.replaceFirst("^([a-z]+\\.)+[A-Za-z]+(Exception|Error): ", "").lines().filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
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
        if (parser.getParsingContext().inRoot()) {
            // The whole file is one value: not a spec at all, and not to be repeated back.
            return "the file holds a single " + (token != null && token.isNumeric() ? "number" : "text")
                    + ", not a mapping";
        }
        try {
            return "'" + quoted(parser.getText()) + "'";
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
