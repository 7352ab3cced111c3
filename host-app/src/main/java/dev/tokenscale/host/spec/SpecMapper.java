package dev.tokenscale.host.spec;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Reads spec and model files (YAML or JSON by extension) strictly: an unknown field is an error, not a silent
 * default, and every error names the file and the field path.
 */
public final class SpecMapper {

    private static final ObjectMapper YAML = configure(YAMLMapper.builder(new YAMLFactory()));
    private static final ObjectMapper JSON = configure(JsonMapper.builder());

    private SpecMapper() {
    }

    private static ObjectMapper configure(com.fasterxml.jackson.databind.cfg.MapperBuilder<?, ?> builder) {
        return builder.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
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
        try {
            T value = mapperFor(fileName).readValue(in, type);
            if (value == null) {
                throw new SpecException(fileName, "", "the file is empty");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw new SpecException(fileName, path(e), "unknown field '" + e.getPropertyName()
                    + "'; expected one of " + e.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                    .collect(Collectors.joining(", ")));
        } catch (JsonParseException e) {
            throw new SpecException(fileName, "", "syntax error at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (JsonMappingException e) {
            throw new SpecException(fileName, path(e), e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new SpecException(fileName, "", e.getOriginalMessage());
        } catch (IOException e) {
            throw new SpecException(fileName, "", "cannot read: " + e.getMessage());
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            } else if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            }
        }
        return path.toString();
    }
}
