package dev.tokenscale.api.roofline;


import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tokenscale.api.AcceleratorSpec;
import dev.tokenscale.api.ComputeRate;
import dev.tokenscale.api.CostSpec;
import dev.tokenscale.api.Figure;
import dev.tokenscale.api.HardwareStatus;
import dev.tokenscale.api.MemoryKind;
import dev.tokenscale.api.MemoryTier;
import dev.tokenscale.api.OpKind;
import dev.tokenscale.api.Operation;
import dev.tokenscale.api.PowerSpec;
import dev.tokenscale.api.Precision;
import dev.tokenscale.api.SystemSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RooflineExecutionModelTest {

    private static final Figure SOURCE = Figure.of(1, "estimate: test");

    private static AcceleratorSpec spec(Map<String, Double> execution) {
        Map<String, Figure> figures = new java.util.HashMap<>();
        execution.forEach((name, value) -> figures.put(name, SOURCE.withValue(value)));
        return new AcceleratorSpec("test-gpu", "Test GPU", "test", "roofline", "GPU", HardwareStatus.SHIPPING, "",
                null, Map.of(Precision.BF16, new ComputeRate(SOURCE.withValue(1e15), null)),
                List.of(new MemoryTier("hbm", MemoryKind.HBM, SOURCE.withValue(80e9), SOURCE.withValue(4e12), null)),
                List.of(), new PowerSpec(SOURCE.withValue(700), SOURCE.withValue(700)),
                new CostSpec(SOURCE.withValue(30_000), null, null), new SystemSpec("one", SOURCE), null, figures);
    }

    private static double seconds(AcceleratorSpec spec, OpKind kind) {
        return new RooflineExecutionModel(spec).time(new Operation(kind, "op", 0, 4e9, "hbm", Precision.BF16, 4))
                .seconds();
    }

    @Test
    void attentionAndGroupedGemmsHaveTheirOwnEfficienciesAndGroupedGemmsTheirOwnLatency() {
        AcceleratorSpec spec = spec(Map.of(RooflineExecutionModel.MEMORY_EFFICIENCY, 0.8,
                RooflineExecutionModel.ATTENTION_MEMORY_EFFICIENCY, 0.5,
                RooflineExecutionModel.GROUPED_GEMM_MEMORY_EFFICIENCY, 0.4,
                RooflineExecutionModel.OP_LATENCY, 3e-6, RooflineExecutionModel.GROUPED_GEMM_LATENCY, 20e-6));
        assertEquals(3e-6 + 4e9 / (4e12 * 0.8), seconds(spec, OpKind.GEMM), 1e-15);
        assertEquals(3e-6 + 4e9 / (4e12 * 0.8), seconds(spec, OpKind.ELEMENTWISE), 1e-15);
        assertEquals(3e-6 + 4e9 / (4e12 * 0.5), seconds(spec, OpKind.ATTENTION), 1e-15);
        assertEquals(20e-6 + 4e9 / (4e12 * 0.4), seconds(spec, OpKind.GROUPED_GEMM), 1e-15);
    }

    @Test
    void withoutTheNewParametersEveryOperationIsTimedAsBefore() {
        AcceleratorSpec spec = spec(Map.of(RooflineExecutionModel.MEMORY_EFFICIENCY, 0.7,
                RooflineExecutionModel.OP_LATENCY, 5e-6));
        for (OpKind kind : List.of(OpKind.GEMM, OpKind.GROUPED_GEMM, OpKind.ATTENTION, OpKind.ELEMENTWISE)) {
            assertEquals(5e-6 + 4e9 / (4e12 * 0.7), seconds(spec, kind), 1e-15, kind.name());
        }
    }
}
