package dev.tokenscale.host.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tokenscale.api.AcceleratorSpec;
import dev.tokenscale.api.Figure;
import dev.tokenscale.api.roofline.RooflineExecutionModel;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CalibrationTest {

    @Test
    void replacesOnlyTheCalibratedParameters() {
        AcceleratorSpec h200 = Catalog.spec("nvidia-h200");
        Figure fitted = Figure.of(9.4e-6, "calibrated: h200.csv, 21 rows, 2026-05-01");
        AcceleratorSpec calibrated = new Calibration("c.yaml", "nvidia-h200",
                Map.of(RooflineExecutionModel.OP_LATENCY, fitted), null).applyTo(h200);
        assertEquals(fitted, calibrated.execution().get(RooflineExecutionModel.OP_LATENCY));
        assertEquals(h200.execution().get(RooflineExecutionModel.MEMORY_EFFICIENCY),
                calibrated.execution().get(RooflineExecutionModel.MEMORY_EFFICIENCY));
        assertEquals(h200.execution().size(), calibrated.execution().size());
    }

    @Test
    void aParameterTheSpecDoesNotDeclareIsAnError() {
        AcceleratorSpec h200 = Catalog.spec("nvidia-h200");
        Calibration typo = new Calibration("c.yaml", "nvidia-h200",
                Map.of("memoryEfficency", Figure.of(0.9, "calibrated: x")), null);
        assertEquals("c.yaml: field 'execution.memoryEfficency': nvidia-h200 declares no such parameter; expected one "
                        + "of [allReducePeerLatency, allToAllLatency, allToAllPeerLatency, attentionMemoryEfficiency, "
                        + "collectiveLatency, computeEfficiency, expertLoadImbalance, fp4GemmMemoryEfficiency, "
                        + "groupedGemmLatency, groupedGemmMemoryEfficiency, linkEfficiency, memoryEfficiency, opLatency, "
                        + "usableMemoryFraction]",
                assertThrows(IllegalArgumentException.class, () -> typo.applyTo(h200)).getMessage());
    }
}
