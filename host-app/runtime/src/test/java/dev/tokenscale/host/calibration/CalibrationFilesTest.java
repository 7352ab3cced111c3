package dev.tokenscale.host.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tokenscale.api.Figure;
import dev.tokenscale.host.engine.CalibratedRange;
import dev.tokenscale.host.engine.CalibratedRange.CalibratedModel;
import dev.tokenscale.host.engine.CalibratedRange.Span;
import dev.tokenscale.host.engine.Calibration;
import dev.tokenscale.host.engine.Calibrator;
import dev.tokenscale.host.engine.ErrorStats;
import dev.tokenscale.host.spec.SpecException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibrationFilesTest {

    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        return Files.writeString(dir.resolve("c.yaml"), text);
    }

    private String error(String text) throws IOException {
        Path file = file(text);
        return assertThrows(SpecException.class, () -> CalibrationFiles.read(file)).getMessage()
                .replace(file.toString(), "c.yaml");
    }

    @Test
    void whatIsWrittenReadsBackTheSame() throws IOException, SpecException {
        CalibratedRange range = new CalibratedRange(new Span(1, 256), new Span(1024, 8192), null, 1,
                List.of(new CalibratedModel("gpt-oss-20b-like", 3.6071424e9, true)));
        Figure latency = new Figure(2.761e-5, "calibrated: g.csv, 9 rows, 2026-05-01", "declared 18.00 us (estimate)");
        Figure efficiency = new Figure(0.5239, "calibrated: g.csv, 9 rows, 2026-05-01", "declared 0.5000 (url)");
        Calibration written = new Calibration("c.yaml", "nvidia-h200",
                Map.of("groupedGemmLatency", latency, "groupedGemmMemoryEfficiency", efficiency), range);
        Path out = dir.resolve("c.yaml");
        CalibrationFiles.write(out, new Calibrator.Fit(written, Map.of(), List.of(), new ErrorStats(9, 8.1, 31),
                new ErrorStats(9, 0.9, 2.5)), "g.csv", "2026-05-01");
        Calibration read = CalibrationFiles.read(out);
        assertEquals("nvidia-h200", read.hardware());
        assertEquals(range, read.range());
        assertEquals(2.761e-5, read.execution().get("groupedGemmLatency").value(), 1e-15);
        assertEquals(efficiency, read.execution().get("groupedGemmMemoryEfficiency"));
        assertEquals(latency.source(), read.execution().get("groupedGemmLatency").source());
    }

    @Test
    void aHandWrittenCalibrationNeedsNoRange() throws IOException, SpecException {
        Calibration read = CalibrationFiles.read(file("""
                hardware: nvidia-h200
                execution:
                  opLatency: {value: 10 us, source: "calibrated: my-stack.csv, 40 rows, 2026-05-01"}
                """));
        assertEquals(1e-5, read.execution().get("opLatency").value(), 1e-18);
        assertNull(read.range());
    }

    @Test
    void anEfficiencyAboveOneIsAnError() throws IOException {
        assertEquals("c.yaml: field 'execution.memoryEfficiency.value': '1.3': expected a value above 0 and at most 1, "
                        + "from 0.000001",
                error("""
                        hardware: nvidia-h200
                        execution:
                          memoryEfficiency: {value: 1.3, source: "calibrated: x"}
                        """));
    }

    @Test
    void aNegativeLatencyOrAMissingSourceIsAnError() throws IOException {
        assertEquals("c.yaml: field 'execution.opLatency.value': '-2 us': expected a value of zero or more, "
                        + "up to 1e30",
                error("""
                        hardware: nvidia-h200
                        execution:
                          opLatency: {value: -2 us, source: "calibrated: x"}
                        """));
        assertEquals("c.yaml: field 'execution.opLatency.source': missing; every figure needs a source: a URL or "
                + "\"estimate: why\"", error("""
                hardware: nvidia-h200
                execution:
                  opLatency: {value: 2 us}
                """));
    }

    @Test
    void missingPartsAndUnknownFieldsAreErrors() throws IOException {
        assertEquals("c.yaml: field 'execution': missing; expected the fitted parameters, e.g. memoryEfficiency: "
                + "{value: 0.85, source: \"calibrated: ...\"}", error("hardware: nvidia-h200\n"));
        assertEquals("c.yaml: field 'hardware': missing; expected a non-empty text",
                error("execution: {opLatency: {value: 2 us, source: \"calibrated: x\"}}\n"));
        assertEquals("c.yaml: field 'range.devices': missing; expected a whole number of 1 or more", error("""
                hardware: nvidia-h200
                execution: {opLatency: {value: 2 us, source: "calibrated: x"}}
                range: {models: [{id: llama-3.1-8b, activeParameters: 7.5e9, moe: false}]}
                """));
        assertEquals("c.yaml: field 'excution': unknown field 'excution'; expected one of date, error, execution, "
                + "hardware, measurements, range, rows", error("hardware: nvidia-h200\nexcution: {}\n"));
    }
}
