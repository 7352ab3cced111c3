package dev.tokenscale.host.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenscale.api.Figure;
import dev.tokenscale.host.calibration.MeasurementReader;
import dev.tokenscale.host.spec.SpecException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The acceptance figures of calibration on the shared H200 measurements, with the real NVIDIA plugin's execution
 * model: uncalibrated defaults, a fit on all rows, and cross-validation between the two models. The figures are
 * printed to the test's output file (target/surefire-reports) as well as asserted.
 */
class FidelityTest {

    private static final Path SHARED = Path.of(System.getProperty("tokenscale.repo"), "data", "measurements",
            "h200-calibration.csv");

    private static Accelerator h200;
    private static List<MeasuredCase> cases;

    @BeforeAll
    static void start() throws SpecException {
        h200 = Catalog.hardware("nvidia-h200");
        cases = new ArrayList<>();
        for (Measurement row : MeasurementReader.read(SHARED)) {
            cases.add(MeasuredCase.of(row, Catalog.model(row.model()), h200));
        }
    }

    private static List<MeasuredCase> rowsOf(String model) {
        return cases.stream().filter(c -> c.row().model().equals(model)).toList();
    }

    private static Calibrator.Fit fit(List<MeasuredCase> rows) {
        return Calibrator.fit(rows, h200, Catalog::accelerator, "test.yaml", "calibrated: test rows");
    }

    private static Validation validate(List<MeasuredCase> rows, Calibrator.Fit fit) {
        Accelerator calibrated = Catalog.accelerator(fit.calibration().applyTo(h200.spec()));
        return Validation.of(rows, id -> calibrated);
    }

    private static void report(String what, Validation.Summary summary) {
        System.out.printf(Locale.ROOT, "%s: %d rows, median |error| %.1f%%, max |error| %.1f%%%n", what,
                summary.rows(), summary.medianAbsErrorPercent(), summary.maxAbsErrorPercent());
    }

    @Test
    void uncalibratedDefaultsLandWithin35PercentOfEveryRow() {
        Validation validation = Validation.of(cases, id -> h200);
        report("declared parameters", validation.summary());
        assertEquals(21, validation.rows().size());
        for (Validation.Row row : validation.rows()) {
            assertTrue(Math.abs(row.errorPercent()) <= 35, row.toString());
        }
    }

    @Test
    void calibrationOnAllRowsLandsWithin5PercentMedianAnd12PercentMax() {
        Calibrator.Fit fit = fit(cases);
        fit.calibration().execution().forEach((name, figure) -> System.out.printf(Locale.ROOT, "  %s = %.4g%n", name,
                figure.value()));
        report("fitted on all rows", validate(cases, fit).summary());
        assertTrue(fit.after().medianAbsErrorPercent() <= 5, fit.after().toString());
        assertTrue(fit.after().maxAbsErrorPercent() <= 12, fit.after().toString());
        assertEquals(fit.after(), statsOf(validate(cases, fit)), "the file's figures are those of its rounded values");
        assertEquals(Set.of("attentionMemoryEfficiency", "computeEfficiency", "groupedGemmLatency",
                "groupedGemmMemoryEfficiency", "memoryEfficiency", "opLatency"),
                new TreeSet<>(fit.calibration().execution().keySet()));
        assertEquals(List.of("linkEfficiency"), fit.notExercised());
        for (var entry : fit.calibration().execution().entrySet()) {
            Figure figure = entry.getValue();
            assertTrue(figure.value() > 0 && (!entry.getKey().endsWith("Efficiency") || figure.value() <= 1),
                    entry.toString());
        }
        CalibratedRange range = fit.calibration().range();
        assertEquals(new CalibratedRange.Span(1, 256), range.batch());
        assertEquals(new CalibratedRange.Span(1024, 8192), range.contextTokens());
        assertEquals(new CalibratedRange.Span(512, 8192), range.promptTokens());
    }

    @Test
    void aFitOnOneModelPredictsTheOtherWithin12PercentMedian() {
        Validation llamaToGptOss = validate(rowsOf("gpt-oss-20b-like"), fit(rowsOf("llama-3.1-8b")));
        Validation gptOssToLlama = validate(rowsOf("llama-3.1-8b"), fit(rowsOf("gpt-oss-20b-like")));
        report("fitted on llama-3.1-8b, predicting gpt-oss-20b-like", llamaToGptOss.summary());
        report("fitted on gpt-oss-20b-like, predicting llama-3.1-8b", gptOssToLlama.summary());
        assertEquals(9, llamaToGptOss.rows().size());
        assertEquals(12, gptOssToLlama.rows().size());
        assertTrue(llamaToGptOss.summary().medianAbsErrorPercent() <= 12, llamaToGptOss.summary().toString());
        assertTrue(gptOssToLlama.summary().medianAbsErrorPercent() <= 12, gptOssToLlama.summary().toString());
    }

    @Test
    void aFitOnDenseRowsLeavesTheExpertParametersAsDeclared() {
        Calibrator.Fit fit = fit(rowsOf("llama-3.1-8b"));
        assertEquals(List.of("groupedGemmLatency", "groupedGemmMemoryEfficiency", "linkEfficiency"),
                fit.notExercised());
        assertEquals(Set.of("attentionMemoryEfficiency", "computeEfficiency", "memoryEfficiency", "opLatency"),
                fit.calibration().execution().keySet());
    }

    private static ErrorStats statsOf(Validation validation) {
        return new ErrorStats(validation.summary().rows(), validation.summary().medianAbsErrorPercent(),
                validation.summary().maxAbsErrorPercent());
    }
}
