package dev.tokenscale.host.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.tokenscale.host.explore.DesignResult;
import dev.tokenscale.host.explore.ResultTable;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * The files a sweep writes: its results as CSV and Parquet (one row per design and model, {@link ResultTable}), and
 * the journal of finished designs that lets an interrupted sweep resume.
 */
final class ExploreFiles {

    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .build();
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private ExploreFiles() {
    }

    /** Writes the table as CSV with a header row. */
    static void csv(Path file, ResultTable table) throws IOException {
        CsvSchema.Builder schema = CsvSchema.builder();
        table.columns().forEach(c -> schema.addColumn(c.name()));
        List<List<String>> rows = new ArrayList<>();
        for (Object[] row : table.rows()) {
            rows.add(Arrays.stream(row).map(ResultTable::text).toList());
        }
        Files.writeString(file, CSV.writer(schema.setUseHeader(true).build()).writeValueAsString(rows));
    }

    /**
     * Writes the table as an uncompressed Parquet file: integers, texts (UTF-8), doubles and booleans, a missing value
     * as null. Parquet's writer runs here without Hadoop; notebooks, DuckDB and Spark read the file directly.
     */
    static void parquet(Path file, ResultTable table) throws IOException {
        Types.MessageTypeBuilder builder = Types.buildMessage();
        for (ResultTable.Column column : table.columns()) {
            switch (column.type()) {
                case INTEGER -> builder.required(PrimitiveTypeName.INT32).named(column.name());
                case TEXT -> builder.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType())
                        .named(column.name());
                case NUMBER -> builder.optional(PrimitiveTypeName.DOUBLE).named(column.name());
                case FLAG -> builder.required(PrimitiveTypeName.BOOLEAN).named(column.name());
            }
        }
        MessageType schema = builder.named("design_result");
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(schema)
                .withConf(new PlainParquetConfiguration()).withWriteMode(ParquetFileWriter.Mode.OVERWRITE).build()) {
            for (Object[] row : table.rows()) {
                Group group = groups.newGroup();
                for (int i = 0; i < row.length; i++) {
                    String name = table.columns().get(i).name();
                    Object cell = row[i];
                    if (cell instanceof Integer v) {
                        group.append(name, v);
                    } else if (cell instanceof Double v) {
                        group.append(name, v);
                    } else if (cell instanceof Boolean v) {
                        group.append(name, v);
                    } else if (cell != null) {
                        group.append(name, String.valueOf(cell));
                    }
                }
                writer.write(group);
            }
        }
    }

    /**
     * The journal of a sweep in a folder: its definition, and one JSON line per finished design, appended as each
     * finishes, so that a sweep stopped at any moment resumes where it was.
     */
    static final class Journal implements AutoCloseable {
        private final BufferedWriter lines;

        private Journal(BufferedWriter lines) {
            this.lines = lines;
        }

        /**
         * Opens the journal in {@code folder} for a sweep with this definition; the designs it already holds on all
         * {@code models} come back in {@code finished}. A design cut short (some models missing, a line half
         * written) is dropped from the journal, to be done again. A folder that holds another sweep is refused
         * rather than mixed.
         */
        static Journal open(Path folder, Object definition, int models, List<DesignResult> finished)
                throws IOException {
            Files.createDirectories(folder);
            Path sweep = folder.resolve("sweep.json");
            Path results = folder.resolve("results.jsonl");
            String written = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(definition);
            if (Files.exists(sweep) && !Files.readString(sweep).equals(written)) {
                throw new UserException("--out " + folder + ": holds the results of another sweep (its sweep.json "
                        + "differs); expected the same options to resume it, or a new folder");
            }
            Files.writeString(sweep, written);
            List<DesignResult> read = new ArrayList<>();
            if (Files.exists(results)) {
                for (String line : Files.readAllLines(results)) {
                    DesignResult result = line.isBlank() ? null : read(line);
                    if (result != null) {
                        read.add(result);
                    }
                }
            }
            Map<Integer, Long> perDesign = read.stream().collect(Collectors.groupingBy(DesignResult::index,
                    Collectors.counting()));
            read.stream().filter(r -> perDesign.get(r.index()) == models).forEach(finished::add);
            Journal journal = new Journal(Files.newBufferedWriter(results, StandardCharsets.UTF_8));
            journal.append(finished);
            return journal;
        }

        private static DesignResult read(String line) {
            try {
                return JSON.readValue(line, DesignResult.class);
            } catch (JsonProcessingException e) {
                // A line cut short by a stop mid-write: that design is simply done again.
                return null;
            }
        }

        /** Appends one design's results and flushes them to disk. */
        synchronized void append(List<DesignResult> results) {
            try {
                for (DesignResult r : results) {
                    lines.write(JSON.writeValueAsString(r));
                    lines.newLine();
                }
                lines.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            lines.close();
        }
    }
}
