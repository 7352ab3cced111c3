package dev.tokenscale.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenscale.host.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tokenscale explore} on the real framework and the built-in plugins: sweeps, files, failures, resuming. */
class ExploreIT {

    @TempDir
    Path dir;

    @Test
    void sweepWritesEveryDesignAsCsvAndParquetThatParquetsOwnReaderReadsBack() throws Exception {
        Path csv = dir.resolve("r.csv");
        Path parquet = dir.resolve("r.parquet");
        CliRun run = CliRun.run("explore", "--model", "llama-3.1-8b", "--vary", "sramShare=0.3:0.6:0.1",
                "--vary", "node=n5,n2", "--csv", csv.toString(), "--parquet", parquet.toString(), "--json");
        assertEquals(0, run.exit(), run.err());
        JsonNode results = run.json().get("results");
        assertEquals(8, results.size());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(9, lines.size(), "a header and one row per design");
        List<String> header = List.of(lines.get(0).split(","));
        List<List<String>> read = readParquet(parquet, header);
        assertEquals(8, read.size());
        for (int i = 0; i < read.size(); i++) {
            List<String> cells = List.of(lines.get(i + 1).split(",", -1));
            List<String> fromParquet = read.get(i);
            for (int c = 0; c < header.size(); c++) {
                String expected = cells.get(c);
                String actual = fromParquet.get(c);
                if (expected.matches("-?[0-9.]+(E-?[0-9]+)?") && !actual.isEmpty()) {
                    // CSV keeps six significant digits; Parquet the full double.
                    assertEquals(Double.parseDouble(expected), Double.parseDouble(actual),
                            1e-5 * Math.abs(Double.parseDouble(actual)), header.get(c));
                } else {
                    assertEquals(expected, actual, header.get(c) + " of row " + i);
                }
            }
        }
        // More SRAM on the same wafer holds more: the design with sramShare 0.6 on N5 over the one with 0.3.
        double low = results.get(0).get("figures").get("sramBytes").asDouble();
        double high = results.get(6).get("figures").get("sramBytes").asDouble();
        assertEquals("0.6", results.get(6).get("parameters").get("sramShare").asText());
        assertEquals(2.0, high / low, 0.02);
    }

    /** Every row of a Parquet file, each cell as text in the columns' order ("" for null). */
    static List<List<String>> readParquet(Path file, List<String> columns) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file),
                ParquetReadOptions.builder(new PlainParquetConfiguration()).build())) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            assertEquals(columns, schema.getFields().stream().map(Type::getName).toList());
            PageReadStore pages;
            while ((pages = reader.readNextRowGroup()) != null) {
                RecordReader<Group> records = new ColumnIOFactory().getColumnIO(schema)
                        .getRecordReader(pages, new GroupRecordConverter(schema));
                for (long r = 0; r < pages.getRowCount(); r++) {
                    Group group = records.read();
                    List<String> row = new ArrayList<>();
                    for (int c = 0; c < columns.size(); c++) {
                        row.add(group.getFieldRepetitionCount(c) == 0 ? "" : group.getValueToString(c, 0));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    @Test
    void htmlReportShowsTheDesignSpaceAndRendersInChromium() throws Exception {
        Path html = dir.resolve("explore.html");
        CliRun run = CliRun.run("explore", "--model", "llama-3.1-70b", "--design", "wse-3,stacked-lpu",
                "--vary", "sramShare=0.1:0.7:0.2", "--html", html.toString());
        assertEquals(0, run.exit(), run.err());
        String text = Files.readString(html);
        HtmlReportIT.assertSelfContained(text);
        // Per model: the design space, sramShare against interactivity, SRAM against compute, the Pareto frontiers.
        assertEquals(4, text.split("<svg ", -1).length - 1, "four charts");
        for (String id : List.of("space-llama-3-1-70b", "vary-sramShare-llama-3-1-70b", "trade-llama-3-1-70b",
                "frontier-llama-3-1-70b")) {
            assertTrue(text.contains("<figure id=\"" + id + "\">"), id);
        }
        String space = text.substring(text.indexOf("<figure id=\"space-"), text.indexOf("</figure>"));
        for (String legend : List.of(ExploreReport.PARETO, "other wse-3", "other stacked-lpu")) {
            assertTrue(space.contains(">" + legend + "</text>"), "legend entry " + legend);
        }
        java.util.Optional<String> browser = HtmlReportIT.browser();
        org.junit.jupiter.api.Assumptions.assumeTrue(browser.isPresent(), "no headless browser: install Debian's "
                + "chromium package (apt-get install chromium) to render the report");
        java.awt.image.BufferedImage image = HtmlReportIT.render(browser.get(), dir, html);
        assertTrue(Pixels.inked(image) > image.getWidth() * image.getHeight() / 50, "the page is not blank");
        // The Pareto set is drawn in the palette's first colour, the other designs in the next ones.
        assertTrue(Pixels.contains(image, new java.awt.Color(0x4E79A7), 12), "the Pareto set's points are shown");
        assertTrue(Pixels.contains(image, new java.awt.Color(0xF28E2B), 12), "the other designs' points are shown");
    }

    @Test
    void aPartlyFailedSweepSaysWhichDesignsFailedAndWhyAndKeepsTheRest() {
        CliRun run = CliRun.run("explore", "--model", "llama-3.1-8b", "--design", "stacked-lpu",
                "--vary", "stackLayers=2,4,16");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("failed (1):"), run.out());
        assertTrue(run.out().contains("stacked-lpu-0002 (stackLayers=16): stackLayers=16: the logic die under the "
                + "stack would run"), run.out());
        assertTrue(run.out().contains("thermal bound"), run.out());
        assertTrue(run.out().contains("2 working designs") || run.out().contains("of 2 working designs"), run.out());
    }

    @Test
    void aDesignThatCannotBeBuiltIsOneLineNamingTheParameter() {
        CliRun.run("explore", "--model", "llama-3.1-8b", "--vary", "sramShare=1.2")
                .assertOneLineError(1, "sramShare=1.2", "share");
        CliRun.run("explore", "--model", "llama-3.1-8b", "--vary", "node=n4")
                .assertOneLineError(1, "node=n4: no silicon data for this node", "n16, n7, n5, n3e, n2");
        CliRun.run("explore", "--model", "llama-3.1-8b", "--vary", "bogus=1")
                .assertOneLineError(1, "unknown parameter 'bogus'");
    }

    @Test
    void anInterruptedSweepResumesWithoutRedoingFinishedDesigns() throws Exception {
        Path out = dir.resolve("sweep");
        String[] args = {"explore", "--model", "llama-3.1-8b", "--vary", "sramShare=0.3:0.7:0.1", "--out",
            out.toString()};
        CliRun first = CliRun.run(args);
        assertEquals(0, first.exit(), first.err());
        String complete = Files.readString(out.resolve("results.csv"));
        Path journal = out.resolve("results.jsonl");
        List<String> lines = Files.readAllLines(journal);
        assertEquals(5, lines.size());
        // Stopped after two designs, the third cut mid-line.
        Files.writeString(journal, lines.get(0) + "\n" + lines.get(1) + "\n" + lines.get(2).substring(0, 40));
        CliRun resumed = CliRun.run(args);
        assertEquals(0, resumed.exit(), resumed.err());
        assertEquals(complete, Files.readString(out.resolve("results.csv")));
        assertEquals(5, Files.readAllLines(journal).size(), "the two finished designs kept, the cut one and the two "
                + "left done: nothing finished was done twice");
        CliRun other = CliRun.run("explore", "--model", "llama-3.1-70b", "--out", out.toString());
        other.assertOneLineError(1, "holds the results of another sweep");
        assertFalse(Files.readString(out.resolve("results.csv")).isEmpty());
    }
}
