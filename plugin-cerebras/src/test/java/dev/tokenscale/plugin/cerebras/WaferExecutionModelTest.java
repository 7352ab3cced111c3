package dev.tokenscale.plugin.cerebras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenscale.api.AcceleratorSpec;
import dev.tokenscale.api.Bound;
import dev.tokenscale.api.ComputeRate;
import dev.tokenscale.api.CostSpec;
import dev.tokenscale.api.Figure;
import dev.tokenscale.api.HardwareStatus;
import dev.tokenscale.api.Interconnect;
import dev.tokenscale.api.LinkScope;
import dev.tokenscale.api.MemoryKind;
import dev.tokenscale.api.MemoryTier;
import dev.tokenscale.api.OpKind;
import dev.tokenscale.api.OpTiming;
import dev.tokenscale.api.Operation;
import dev.tokenscale.api.PowerSpec;
import dev.tokenscale.api.Precision;
import dev.tokenscale.api.Silicon;
import dev.tokenscale.api.SourcedText;
import dev.tokenscale.api.SystemSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The wafer's formulas on a round-number wafer worked by hand: 100 x 100 PEs at 1 GHz, one cycle per hop (1 ns),
 * 1 PB/s of SRAM (100 GB/s per PE), 2 PFLOPS dense BF16 (200 GFLOP/s per PE), efficiencies 1, 1 us per matrix op,
 * and a 100 GB/s system I/O with 5 us of latency.
 */
class WaferExecutionModelTest {

    private static final double US = 1e-6;
    private static final double NS = 1e-9;

    static AcceleratorSpec wafer(Map<String, Double> extra) {
        Map<String, Double> parameters = new HashMap<>(Map.of(WaferExecutionModel.MESH_WIDTH, 100.0,
                WaferExecutionModel.MESH_HEIGHT, 100.0, WaferExecutionModel.HOP_CYCLES, 1.0,
                WaferExecutionModel.OP_OVERHEAD, 1 * US, "memoryEfficiency", 1.0, "computeEfficiency", 1.0,
                "linkEfficiency", 1.0));
        parameters.putAll(extra);
        Map<String, Figure> execution = new HashMap<>();
        parameters.forEach((name, value) -> execution.put(name, figure(value)));
        return new AcceleratorSpec("test-wafer", "Test wafer", "test", WaferFamily.ID, "wafer",
                HardwareStatus.SHIPPING, "", new Silicon(new SourcedText("test", "estimate: test", null), null, null,
                null, figure(10_000), figure(1e9)),
                Map.of(Precision.BF16, new ComputeRate(figure(2e15), null)),
                List.of(new MemoryTier("sram", MemoryKind.SRAM, figure(40e9), figure(1e15), null),
                        new MemoryTier("kv-storage", MemoryKind.EXTERNAL, figure(1e12), figure(100e9), "system-io")),
                List.of(new Interconnect("system-io", LinkScope.SCALE_OUT, figure(100e9), figure(5 * US),
                        figure(64))),
                new PowerSpec(figure(15e3), figure(20e3)), new CostSpec(figure(1e6), null, null),
                new SystemSpec("one wafer", figure(1)), null, execution);
    }

    private static Figure figure(double value) {
        return Figure.of(value, "estimate: test");
    }

    private static OpTiming time(AcceleratorSpec spec, OpKind kind, double flops, double bytes, String resource) {
        return new WaferFamily().executionModel(spec).time(new Operation(kind, "op", flops, bytes, resource,
                Precision.BF16, 1));
    }

    @Test
    void aLargeMatrixSpreadsOverTheWholeWafer() {
        // 400M BF16 weights: 8e8 bytes / 1e11 B/s = 8e-3 PE-seconds of streaming (arithmetic 4e-3). The best square
        // side would be cbrt(8e-3 / 1e-9) = 200 PEs, more than the wafer: so all 10,000 PEs, 100 + 100 hops.
        OpTiming t = time(wafer(Map.of()), OpKind.GEMM, 8e8, 8e8, "sram");
        assertEquals(0.8 * US, t.memorySeconds(), 1e-15);
        assertEquals(0.4 * US, t.computeSeconds(), 1e-15);
        assertEquals(1 * US + 200 * NS, t.latencySeconds(), 1e-15);
        assertEquals(2.0 * US, t.seconds(), 1e-15);
        assertEquals(1.8 * US, t.occupancySeconds(), 1e-15, "overhead and local work over the whole wafer");
        assertEquals(Bound.LATENCY, t.bound());
    }

    @Test
    void aSmallMatrixTakesTheRegionWhereCrossingIsTwiceTheLocalWork() {
        // 1e6 bytes: 1e-5 PE-seconds; side = cbrt(1e-5 / 1e-9) = 21.544 PEs. At that side the crossing, 2 x side x
        // 1 ns = 43.09 ns, is twice the local work, 1e-5 / side^2 = 21.54 ns.
        double side = Math.cbrt(1e4);
        OpTiming t = time(wafer(Map.of()), OpKind.GEMM, 1e6, 1e6, "sram");
        assertEquals(side * NS, t.memorySeconds(), 1e-15);
        assertEquals(1 * US + 2 * side * NS, t.latencySeconds(), 1e-15);
        assertEquals(1 * US + 3 * side * NS, t.seconds(), 1e-15);
        assertEquals((1 * US + side * NS) * side * side / 10_000, t.occupancySeconds(), 1e-18);
    }

    @Test
    void elementwisePassesAreFusedIntoTheirNeighbours() {
        // No overhead and no crossing: 1e6 bytes over the whole wafer's 1 PB/s = 1 ns.
        OpTiming t = time(wafer(Map.of()), OpKind.ELEMENTWISE, 1e6, 1e6, "sram");
        assertEquals(0, t.latencySeconds());
        assertEquals(1 * NS, t.seconds(), 1e-18);
    }

    @Test
    void aHopToTheNextWaferCostsTheLinkAndTheSoftwaresHandoff() {
        // 1e5 bytes over 100 GB/s = 1 us on the wire, plus 5 us of link latency.
        OpTiming async = time(wafer(Map.of()), OpKind.TRANSFER, 0, 1e5, "system-io");
        assertEquals(6 * US, async.seconds(), 1e-15);
        assertEquals(1 * US, async.occupancySeconds(), 1e-15, "the link takes the next micro-batch after the wire");
        OpTiming launch = time(wafer(Map.of(WaferExecutionModel.WAFER_HANDOFF_LATENCY, 200 * US)), OpKind.TRANSFER,
                0, 1e5, "system-io");
        assertEquals(206 * US, launch.seconds(), 1e-15);
        assertEquals(201 * US, launch.occupancySeconds(), 1e-15);
    }

    @Test
    void kvSpilledOffTheWaferIsReadOverTheSystemIo() {
        // 1e9 bytes at the off-wafer store's 100 GB/s: 10 ms, plus the roofline's 3 us op latency.
        OpTiming t = time(wafer(Map.of()), OpKind.ATTENTION, 0, 1e9, "kv-storage");
        assertEquals(10e-3 + 3 * US, t.seconds(), 1e-12);
        assertEquals(Bound.MEMORY, t.bound());
    }

    /**
     * The width bound: scaling a layer's width by k scales its matrices' bytes by k^2. A region of free size then
     * takes crossing plus local work proportional to (work)^(1/3), so the time above the fixed overhead grows by
     * k^(2/3), less than the factor k that a reduction across a k-times wider region needs (while the best region
     * fits the wafer; beyond it the op is bound by the wafer's whole bandwidth).
     */
    @Test
    void aTwiceWiderMatrixCostsAtMostTwiceTheMeshTime() {
        AcceleratorSpec spec = wafer(Map.of());
        for (double bytes = 1e4; bytes <= 1e7; bytes *= 10) {
            double narrow = time(spec, OpKind.GEMM, bytes, bytes, "sram").seconds() - 1 * US;
            double wide = time(spec, OpKind.GEMM, 4 * bytes, 4 * bytes, "sram").seconds() - 1 * US;
            assertTrue(wide <= 2 * narrow, bytes + ": " + wide + " > 2 x " + narrow);
            assertTrue(wide > narrow, "wider is never faster");
        }
        double narrow = time(spec, OpKind.GEMM, 1e6, 1e6, "sram").seconds() - 1 * US;
        double wide = time(spec, OpKind.GEMM, 4e6, 4e6, "sram").seconds() - 1 * US;
        assertEquals(Math.cbrt(4), wide / narrow, 1e-9, "free regions grow the mesh time by k^(2/3)");
    }

    @Test
    void aSpecWithoutItsMeshSaysWhatItNeeds() {
        AcceleratorSpec full = wafer(Map.of());
        Map<String, Figure> execution = new HashMap<>(full.execution());
        execution.remove(WaferExecutionModel.MESH_WIDTH);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new WaferFamily().executionModel(full.withExecution(execution)));
        assertEquals("test-wafer: a wafer spec needs silicon.clock and execution.meshWidth and execution.meshHeight "
                + "(usable PEs) to lay out its mesh", e.getMessage());
    }
}
