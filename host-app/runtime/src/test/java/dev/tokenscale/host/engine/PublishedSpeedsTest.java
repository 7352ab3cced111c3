package dev.tokenscale.host.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.tokenscale.api.ModelArchitecture;
import dev.tokenscale.api.Precision;
import dev.tokenscale.host.calibration.CalibrationFiles;
import dev.tokenscale.host.spec.SpecException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Published single-user speeds against the estimates, each in the serving mode its source states
 * ({@code data/validation/published-speeds.csv}): every row within 15%, every CS-3 and Groq row of
 * {@code data/reference/published-decode-speeds.csv} that names a catalog model covered, and the tables of
 * {@code docs/validation.md} generated from the same rows. A new section is new rows in the CSV and a marker pair
 * in the document; run with {@code -Dtokenscale.writeDocs=true} to rewrite the tables after a change.
 */
class PublishedSpeedsTest {

    private static final Path REPO = Path.of(System.getProperty("tokenscale.repo"));
    private static final Path CASES = REPO.resolve("data/validation/published-speeds.csv");
    private static final Path REFERENCE = REPO.resolve("data/reference/published-decode-speeds.csv");
    private static final Path DOC = REPO.resolve("docs/validation.md");
    /** The acceptance tolerance of issue 13: within 15% of the published figure. */
    private static final double TOLERANCE_PERCENT = 15;
    private static final int CONTEXT = 8192;
    private static final int PROMPT = 1024;

    private static List<Map<String, String>> cases;
    private static final Map<Map<String, String>, Double> PREDICTED = new LinkedHashMap<>();

    @BeforeAll
    static void estimateEveryCase() throws IOException, SpecException {
        cases = read(CASES);
        for (Map<String, String> c : cases) {
            PREDICTED.put(c, estimate(c));
        }
    }

    @Test
    void everyPublishedRowLandsWithin15PercentInItsServingMode() {
        List<String> misses = new ArrayList<>();
        for (Map<String, String> c : cases) {
            double error = errorPercent(c);
            System.out.printf(Locale.ROOT, "%-14s %-16s %8.0f published %8.0f estimated %+6.1f%%  %s%n",
                    c.get("hardware"), c.get("model"), published(c), PREDICTED.get(c), error, c.get("mode"));
            if (Math.abs(error) > TOLERANCE_PERCENT) {
                misses.add(c.get("model") + " on " + c.get("hardware") + ": " + String.format(Locale.ROOT, "%+.1f%%",
                        error));
            }
        }
        assertTrue(misses.isEmpty(), "outside 15%: " + misses);
    }

    @Test
    void everyCerebrasAndGroqRowThatNamesACatalogModelIsValidated() throws IOException {
        Set<String> expected = new TreeSet<>();
        for (Map<String, String> row : read(REFERENCE)) {
            String hardware = row.get("hardware");
            boolean waferOrLpu = hardware.contains("Cerebras") || hardware.contains("Groq");
            if (waferOrLpu && Catalog.models().containsKey(catalogId(row.get("model")))) {
                expected.add(row.get("model") + " | " + row.get("source_url") + " | " + row.get("tokens_per_user_s"));
            }
        }
        Set<String> covered = new TreeSet<>();
        for (Map<String, String> c : cases) {
            covered.add(c.get("reference_model") + " | " + c.get("reference_url") + " | "
                    + c.get("reference_tokens"));
        }
        assertEquals(expected, covered);
    }

    @Test
    void docsValidationMdHoldsTheGeneratedTables() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        String generated = doc;
        for (String section : new TreeSet<>(cases.stream().map(c -> c.get("section")).toList())) {
            generated = replaceSection(generated, section, table(section));
        }
        if (Boolean.getBoolean("tokenscale.writeDocs") && !generated.equals(doc)) {
            Files.writeString(DOC, generated, StandardCharsets.UTF_8);
            return;
        }
        assertEquals(generated, doc, "docs/validation.md is out of date: mvn verify -Dtokenscale.writeDocs=true");
    }

    /** "Llama 3.1/3.2 70B (versatile)" names catalog model llama-3.1-70b; "Llama 2 70B" names llama-2-70b. */
    static String catalogId(String publishedName) {
        return publishedName.replaceAll("\\(.*\\)", "").replaceAll("/[0-9.]+", "").trim()
                .toLowerCase(Locale.ROOT).replace(' ', '-');
    }

    private static double estimate(Map<String, String> c) throws SpecException {
        Accelerator a = Catalog.hardware(c.get("hardware"));
        if (!c.get("serving").isEmpty()) {
            a = Catalog.accelerator(CalibrationFiles.read(REPO.resolve(c.get("serving"))).applyTo(a.spec()));
        }
        ModelArchitecture m = Catalog.model(c.get("model"));
        Workload w = Workload.of(m, 1, CONTEXT, PROMPT);
        if (!c.get("weights").isEmpty()) {
            w = w.withWeights(Precision.valueOf(c.get("weights").toUpperCase(Locale.ROOT)));
        }
        Placement p = placement(m, a, w, c.get("placement"));
        Speculation speculation = null;
        if (!c.get("speculative").isEmpty()) {
            String[] s = c.get("speculative").split(",");
            speculation = new Speculation(Catalog.model(s[0]), Integer.parseInt(s[1]), Double.parseDouble(s[2]));
        }
        return Estimator.estimate(m, a, w, p, speculation, List.of()).tokensPerUserPerSecond();
    }

    private static Placement placement(ModelArchitecture m, Accelerator a, Workload w, String shape) {
        if (shape.isEmpty()) {
            return PlacementSearch.search(m, a, w, PlacementSearch.Objective.INTERACTIVITY,
                    PlacementSearch.Constraints.NONE, Economics.DEFAULT).ranked().get(0).placement();
        }
        Map<String, Integer> n = new LinkedHashMap<>(Map.of("tp", 1, "pp", 1, "ep", 1, "mb", 1));
        for (String part : shape.split(",")) {
            String[] kv = part.split("=");
            n.put(kv[0], Integer.parseInt(kv[1]));
        }
        return Placements.build(m, a, w, n.get("pp"), n.get("tp"), n.get("ep"), n.get("mb")).placement();
    }

    private static double published(Map<String, String> c) {
        return Double.parseDouble(c.get("published"));
    }

    private static double errorPercent(Map<String, String> c) {
        return 100 * (PREDICTED.get(c) / published(c) - 1);
    }

    /** The markdown table of one section's rows, with the command that reproduces each. */
    private static String table(String section) {
        StringBuilder t = new StringBuilder("| published row | tok/s/user | serving mode | estimate | error "
                + "| reproduce |\n|---|---|---|---|---|---|\n");
        for (Map<String, String> c : cases) {
            if (!c.get("section").equals(section)) {
                continue;
            }
            t.append(String.format(Locale.ROOT, "| [%s on %s](%s) | %,.0f | %s | %,.0f | %+.1f%% | `%s` |%n",
                    c.get("reference_model"), c.get("reference_hardware"), c.get("reference_url"), published(c),
                    c.get("mode"), PREDICTED.get(c), errorPercent(c), command(c)));
        }
        return t.toString();
    }

    private static String command(Map<String, String> c) {
        StringBuilder command = new StringBuilder("./tokenscale estimate --model " + c.get("model") + " --hardware "
                + c.get("hardware"));
        if (!c.get("placement").isEmpty()) {
            command.append(" --placement ").append(c.get("placement"));
        }
        if (!c.get("weights").isEmpty()) {
            command.append(" --weights ").append(c.get("weights"));
        }
        if (!c.get("speculative").isEmpty()) {
            command.append(" --speculative ").append(c.get("speculative"));
        }
        if (!c.get("serving").isEmpty()) {
            command.append(" --calibration ").append(c.get("serving"));
        }
        return command.toString();
    }

    /** The document with the text between {@code <!-- generated: name -->} and {@code <!-- end: name -->} replaced. */
    private static String replaceSection(String doc, String name, String body) {
        String begin = "<!-- generated: " + name + " -->\n";
        String end = "<!-- end: " + name + " -->";
        int from = doc.indexOf(begin);
        int to = doc.indexOf(end);
        assertTrue(from >= 0 && to > from, "docs/validation.md has no '" + begin.trim() + "' ... '" + end + "'");
        return doc.substring(0, from + begin.length()) + body + doc.substring(to);
    }

    private static List<Map<String, String>> read(Path csv) throws IOException {
        CsvMapper mapper = new CsvMapper();
        try (MappingIterator<Map<String, String>> rows = mapper.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv.toFile())) {
            return rows.readAll();
        }
    }
}
