package dev.tokenscale.host.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenscale.api.Figure;
import dev.tokenscale.host.calibration.CalibrationFiles;
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
 * model. The measurements are one stack (PyTorch with CUDA graphs, unfused kernels), the NVIDIA defaults another
 * (tuned production servers): the defaults predict the measured stack too fast, its fit ships as a calibration
 * file, and a fit on small batches predicts the large ones. The figures are printed to the test's output file
 * (target/surefire-reports) as well as asserted.
 */
class FidelityTest {

    private static final Path REPO = Path.of(System.getProperty("tokenscale.repo"));
    private static final Path SHARED = REPO.resolve("data/measurements/h200-calibration.csv");
    private static final Path PYTORCH_STACK = REPO.resolve("data/calibration/h200-pytorch-cuda-graphs.yaml");
    /** The execution parameters the measured rows cannot tell anything about: collectives and FP4 GEMMs. */
    private static final List<String> COLLECTIVES_AND_FP4 = List.of("allReducePeerLatency", "allToAllLatency",
            "allToAllPeerLatency", "collectiveLatency", "fp4GemmMemoryEfficiency");

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

    private static List<String> notExercised(String... more) {
        List<String> names = new ArrayList<>(COLLECTIVES_AND_FP4);
        names.addAll(List.of(more));
        names.sort(null);
        return names;
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
    void productionDefaultsPredictTheMeasuredUnfusedStackFaster() {
        Validation validation = Validation.of(cases, id -> h200);
        report("declared parameters (a production stack)", validation.summary());
        assertEquals(21, validation.rows().size());
        for (Validation.Row row : validation.rows()) {
            // Fused kernels launch fewer, cheaper operations: at most about 40% faster; only attention over long
            // contexts, where this stack's kernel reached 0.65 of the bandwidth against the production 0.55, slower.
            assertTrue(row.errorPercent() <= 15 && row.errorPercent() >= -45, row.toString());
        }
        assertTrue(validation.rows().stream().filter(r -> r.errorPercent() < 0).count() >= 15,
                "most rows run slower than a production stack would");
    }

    @Test
    void theShippedPyTorchStackCalibrationLandsWithin5PercentMedianAnd12PercentMax() throws SpecException {
        Calibration pytorch = CalibrationFiles.read(PYTORCH_STACK);
        Accelerator calibrated = Catalog.accelerator(pytorch.applyTo(h200.spec()));
        Validation validation = Validation.of(cases, id -> calibrated);
        report("the shipped PyTorch-stack calibration", validation.summary());
        assertTrue(validation.summary().medianAbsErrorPercent() <= 5, validation.summary().toString());
        assertTrue(validation.summary().maxAbsErrorPercent() <= 12, validation.summary().toString());
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
        assertEquals(notExercised("linkEfficiency"), fit.notExercised());
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

    /**
     * Generalisation in batch, with both models and every parameter exercised: a fit on the prefills and on the
     * decode steps of up to 16 sequences predicts the 9 decode steps of 32 to 256 it has not seen.
     */
    @Test
    void aFitOnSmallBatchesPredictsTheLargeOnes() {
        List<MeasuredCase> small = cases.stream().filter(c -> c.row().pass().newTokens() > 1 || c.row().batch() <= 16)
                .toList();
        List<MeasuredCase> large = cases.stream().filter(c -> !small.contains(c)).toList();
        Validation predicted = validate(large, fit(small));
        report("fitted on prefills and batches up to 16, predicting batches 32-256", predicted.summary());
        assertEquals(9, large.size());
        assertTrue(predicted.summary().medianAbsErrorPercent() <= 10, predicted.summary().toString());
        assertTrue(predicted.summary().maxAbsErrorPercent() <= 25, predicted.summary().toString());
    }

    @Test
    void aFitOnDenseRowsLeavesTheExpertParametersAsDeclared() {
        Calibrator.Fit fit = fit(rowsOf("llama-3.1-8b"));
        assertEquals(notExercised("groupedGemmLatency", "groupedGemmMemoryEfficiency", "linkEfficiency"),
                fit.notExercised());
        assertEquals(Set.of("attentionMemoryEfficiency", "computeEfficiency", "memoryEfficiency", "opLatency"),
                fit.calibration().execution().keySet());
    }

    private static ErrorStats statsOf(Validation validation) {
        return new ErrorStats(validation.summary().rows(), validation.summary().medianAbsErrorPercent(),
                validation.summary().maxAbsErrorPercent());
    }
}
