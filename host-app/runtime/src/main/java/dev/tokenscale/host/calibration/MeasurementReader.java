package dev.tokenscale.host.calibration;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.tokenscale.host.engine.Measurement;
import dev.tokenscale.host.engine.Measurement.Phase;
import java.io.ByteArrayInputStream;
import dev.tokenscale.host.spec.Dimension;
import dev.tokenscale.host.spec.BoundedInput;
import dev.tokenscale.host.spec.Fields;
import dev.tokenscale.host.spec.Fields.Range;
import dev.tokenscale.host.spec.SpecException;
import dev.tokenscale.host.spec.SpecMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Reads measurement files: CSV with a header row, or JSON as an array of objects, both with the columns of
 * {@code data/measurements/h200-calibration.csv} (documented in {@code docs/calibration.md}). Every error names the
 * file, the line, the column, the value found and what was expected.
 */
public final class MeasurementReader {

    /** Columns every file has. */
    public static final List<String> REQUIRED = List.of("hardware", "model", "phase", "batch", "context_tokens",
            "prompt_tokens", "step_seconds");
    /** Columns a file may have for people; they are not read. */
    public static final List<String> INFORMATIONAL = List.of("tokens_per_user_per_second",
            "tokens_per_gpu_per_second", "note");

    /** Largest batch a row may report, as in requests. */
    static final long MAX_BATCH = 1 << 16;
    /** Longest context or prompt a row may report, as in requests. */
    static final long MAX_TOKENS = 1L << 30;

    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .enable(CsvParser.Feature.TRIM_SPACES)
            .build();

    private MeasurementReader() {
    }

    /** One row as written: its line and its cells by column. */
    private record Written(int line, Map<String, String> cells) {
    }

    /** Reads a measurement file from disk. */
    public static List<Measurement> read(Path file) throws SpecException {
        return read(BoundedInput.read(file, BoundedInput.MEASUREMENT_BYTES), file.toString());
    }

    /** Reads measurements from a stream; {@code fileName} names it in errors and picks CSV or JSON. */
    public static List<Measurement> read(InputStream in, String fileName) throws SpecException {
        return read(BoundedInput.read(in, BoundedInput.MEASUREMENT_BYTES, fileName), fileName);
    }

    /** Reads measurements from a file's bytes; {@code fileName} names it in errors and picks CSV or JSON. */
    public static List<Measurement> read(byte[] content, String fileName) throws SpecException {
        InputStream in = new ByteArrayInputStream(content);
        String lower = fileName.toLowerCase(Locale.ROOT);
        List<Written> rows;
        try {
            if (lower.endsWith(".csv")) {
                rows = csv(in, fileName);
            } else if (lower.endsWith(".json")) {
                rows = json(in, fileName);
            } else {
                throw new SpecException(fileName, "", "unknown file type; expected a .csv or .json measurement file");
            }
        } catch (JsonProcessingException e) {
            throw new SpecException(fileName, "", "syntax error at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + SpecMapper.quoted(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new SpecException(fileName, "", "cannot read: " + BoundedInput.reason(e));
        }
        if (rows.isEmpty()) {
            throw new SpecException(fileName, "", "no rows; expected at least one measurement");
        }
        List<Measurement> measurements = new ArrayList<>();
        for (Written row : rows) {
            measurements.add(measurement(row, fileName));
        }
        return measurements;
    }

    private static List<Written> csv(InputStream in, String fileName) throws IOException, SpecException {
        List<Written> rows = new ArrayList<>();
        try (MappingIterator<String[]> it = CSV.readerFor(String[].class).readValues(in)) {
            if (!it.hasNextValue()) {
                return rows;
            }
            List<String> header = Arrays.stream(it.nextValue()).map(String::trim).toList();
            checkColumns(header, 1, fileName);
            for (String column : header) {
                if (header.indexOf(column) != header.lastIndexOf(column)) {
                    throw new SpecException(fileName, "", "line 1: column '" + column + "' appears twice; expected "
                            + "each column once");
                }
            }
            while (it.hasNextValue()) {
                String[] values = it.nextValue();
                int line = it.getParser().currentTokenLocation().getLineNr();
                if (values.length != header.size()) {
                    throw new SpecException(fileName, "", "line " + line + ": " + values.length + " values; expected "
                            + header.size() + ", one per column of the header");
                }
                Map<String, String> cells = new LinkedHashMap<>();
                for (int i = 0; i < values.length; i++) {
                    cells.put(header.get(i), values[i].trim());
                }
                rows.add(new Written(line, cells));
            }
        }
        return rows;
    }

    private static List<Written> json(InputStream in, String fileName) throws IOException, SpecException {
        ObjectMapper mapper = SpecMapper.mapperFor(fileName);
        List<Written> rows = new ArrayList<>();
        try (JsonParser parser = mapper.createParser(in)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new SpecException(fileName, "", "expected a JSON array of rows, e.g. [{\"hardware\": "
                        + "\"nvidia-h200\", \"model\": \"llama-3.1-8b\", \"phase\": \"decode\", ...}]");
            }
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                int line = parser.currentTokenLocation().getLineNr();
                JsonNode object = mapper.readTree(parser);
                Map<String, String> cells = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> field : object.properties()) {
                    JsonNode value = field.getValue();
                    if (value.isContainerNode()) {
                        throw new SpecException(fileName, "", "line " + line + ", column '" + field.getKey()
                                + "': expected a number or a text, not " + (value.isArray() ? "a list" : "an object"));
                    }
                    cells.put(field.getKey(), value.isNull() ? "" : value.asText().trim());
                }
                checkColumns(List.copyOf(cells.keySet()), line, fileName);
                rows.add(new Written(line, cells));
            }
            if (parser.currentToken() != JsonToken.END_ARRAY) {
                throw new SpecException(fileName, "", "line " + parser.currentTokenLocation().getLineNr()
                        + ": expected a row object {...}");
            }
        }
        return rows;
    }

    private static void checkColumns(List<String> columns, int line, String fileName) throws SpecException {
        for (String column : columns) {
            if (!REQUIRED.contains(column) && !INFORMATIONAL.contains(column)) {
                throw new SpecException(fileName, "", "line " + line + ": unknown column '" + SpecMapper.quoted(column)
                        + "'; expected " + String.join(", ", REQUIRED) + " (and optionally "
                        + String.join(", ", INFORMATIONAL) + ")");
            }
        }
        for (String column : REQUIRED) {
            if (!columns.contains(column)) {
                throw new SpecException(fileName, "", "line " + line + ": missing column '" + column
                        + "'; expected " + String.join(", ", REQUIRED));
            }
        }
    }

    private static Measurement measurement(Written row, String fileName) throws SpecException {
        Fields cells = Fields.row(fileName, row.line());
        Map<String, String> written = row.cells();
        Phase phase = cells.enumValue("phase", written.get("phase"), Phase.class);
        boolean decode = phase == Phase.DECODE;
        long context = decode ? required(cells, written, "context_tokens", 1, "a decode row needs its cached tokens")
                : Objects.requireNonNullElse(cells.whole("context_tokens", written.get("context_tokens"), 0), 0L);
        long prompt = decode ? 0
                : required(cells, written, "prompt_tokens", 1, "a prefill row needs its prompt length");
        long batch = required(cells, written, "batch", 1, "every row needs its batch");
        atMost(cells, "context_tokens", context, MAX_TOKENS);
        atMost(cells, "prompt_tokens", prompt, MAX_TOKENS);
        atMost(cells, "batch", batch, MAX_BATCH);
        return new Measurement(cells.required("hardware", written.get("hardware")),
                cells.required("model", written.get("model")), phase, (int) batch, context, prompt,
                cells.quantity("step_seconds", written.get("step_seconds"), Dimension.TIME, Range.STEP),
                fileName + ", line " + row.line());
    }

    /** A count within the range requests accept, so that a row can be predicted as a request would be. */
    private static void atMost(Fields cells, String column, long value, long max) throws SpecException {
        if (value > max) {
            throw cells.error(column, "'" + value + "': expected at most " + String.format(Locale.ROOT, "%,d", max));
        }
    }

    /** A cell that every row of its kind needs: a whole number of {@code min} or more. */
    private static long required(Fields cells, Map<String, String> written, String column, long min, String why)
            throws SpecException {
        Long value = cells.whole(column, written.get(column), min);
        if (value == null) {
            throw cells.error(column, "empty; " + why + ", " + Fields.wholeNumber(min));
        }
        return value;
    }
}
