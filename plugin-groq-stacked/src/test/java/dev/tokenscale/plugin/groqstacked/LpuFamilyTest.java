package dev.tokenscale.plugin.groqstacked;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
import dev.tokenscale.api.StackSpec;
import dev.tokenscale.api.SystemSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The LPU family's formulas worked by hand on round numbers: a chip with 200 MB of SRAM at 100 TB/s, 1 POPS INT8,
 * a 1 TB/s chip-to-chip link with 1 us per hop, 8 us of stage latency and efficiencies 1; and the stacked part's
 * derived tier, checked against the figures of the shipped stacked-sram-4layer spec.
 */
class LpuFamilyTest {

    private static final double US = 1e-6;

    private static Figure figure(double value) {
        return Figure.of(value, "estimate: test");
    }

    private static AcceleratorSpec chip(MemoryKind firstTier, StackSpec stack) {
        return chip(firstTier, stack, 200e6, 100e12);
    }

    private static AcceleratorSpec chip(MemoryKind firstTier, StackSpec stack, double capacity, double bandwidth) {
        return new AcceleratorSpec("test-lpu", "Test LPU", "test", LpuFamily.ID, "chip", HardwareStatus.SHIPPING, "",
                null, Map.of(Precision.INT8, new ComputeRate(figure(1e15), null)),
                List.of(new MemoryTier("sram", firstTier, figure(capacity), figure(bandwidth), null)),
                List.of(new Interconnect("c2c", LinkScope.CHIP_TO_CHIP, figure(1e12), figure(1 * US), figure(1024))),
                new PowerSpec(figure(300), figure(3000)), new CostSpec(figure(20_000), null, null),
                new SystemSpec("node", figure(8)), stack,
                Map.of(LpuExecutionModel.STAGE_LATENCY, figure(8 * US), "memoryEfficiency", figure(1),
                        "computeEfficiency", figure(1), "linkEfficiency", figure(1)));
    }

    private static OpTiming time(OpKind kind, double flops, double bytes, String resource, int groups) {
        return new LpuFamily().executionModel(chip(MemoryKind.SRAM, null))
                .time(new Operation(kind, "op", flops, bytes, resource, Precision.INT8, groups));
    }

    @Test
    void aMatrixOpCostsOneStageLatencyPlusItsStream() {
        // 100 MB at 100 TB/s = 1 us of streaming; 2e9 OPS at 1 POPS = 2 us of arithmetic; plus 8 us of stage.
        OpTiming t = time(OpKind.GEMM, 2e9, 100e6, "sram", 1);
        assertEquals(1 * US, t.memorySeconds(), 1e-15);
        assertEquals(2 * US, t.computeSeconds(), 1e-15);
        assertEquals(10 * US, t.seconds(), 1e-15);
        assertEquals(Bound.LATENCY, t.bound());
    }

    @Test
    void elementwisePassesRideBetweenMatrixOps() {
        assertEquals(1e6 / 100e12, time(OpKind.ELEMENTWISE, 0, 1e6, "sram", 1).seconds(), 1e-18);
    }

    @Test
    void aScheduledAllReduceCostsLog2ChipsHopsAndNoContention() {
        // 16 chips: 4 hops of 1 us; 16 KB x 2 x 15/16 = 30 KB over 1 TB/s = 30 ns.
        OpTiming t = time(OpKind.ALL_REDUCE, 0, 16_000, "c2c", 16);
        assertEquals(4 * US + 30e-9, t.seconds(), 1e-15);
        // 9 chips need ceil(log2 9) = 4 steps too; 2 chips one.
        assertEquals(4 * US, time(OpKind.ALL_REDUCE, 0, 0, "c2c", 9).latencySeconds(), 1e-15);
        assertEquals(1 * US, time(OpKind.ALL_REDUCE, 0, 0, "c2c", 2).latencySeconds(), 1e-15);
    }

    @Test
    void aPipelineHopCostsOneLinkLatencyPlusItsBytes() {
        // 16 KB over 1 TB/s = 16 ns after 1 us.
        assertEquals(1 * US + 16e-9, time(OpKind.TRANSFER, 0, 16_000, "c2c", 1).seconds(), 1e-15);
    }

    @Test
    void aStackedPartDerivesItsTierFromLayersAndBonds() {
        // stacked-sram-4layer: 500 MB base + 4 layers x 600 mm2 x 1.7 MB/mm2 = 4,580 MB;
        // 500,000 bonds x 2.4 Gb/s / 8 = 150 TB/s.
        StackSpec four = new StackSpec(figure(4), figure(600), figure(1.7e6), figure(500_000), figure(2.4e9));
        MemoryTier tier = new LpuFamily().resolve(chip(MemoryKind.SRAM, four, 500e6, 150e12)).primaryMemory();
        assertEquals(4_580e6, tier.capacity().value(), 1);
        assertEquals(150e12, tier.bandwidth().value(), 1);
        // Twice the layers add 4,080 MB more; the bandwidth is the bonds', not the layers'.
        StackSpec eight = new StackSpec(figure(8), figure(600), figure(1.7e6), figure(500_000), figure(2.4e9));
        MemoryTier eightLayers = new LpuFamily().resolve(chip(MemoryKind.SRAM, eight, 500e6, 150e12))
                .primaryMemory();
        assertEquals(8_660e6, eightLayers.capacity().value(), 1);
        assertEquals(150e12, eightLayers.bandwidth().value(), 1);
    }

    @Test
    void aPlanarPartIsLeftAsDeclaredAndAStackNeedsSramBelowIt() {
        AcceleratorSpec planar = chip(MemoryKind.SRAM, null);
        assertSame(planar, new LpuFamily().resolve(planar));
        StackSpec stack = new StackSpec(figure(4), figure(600), figure(1.7e6), figure(500_000), figure(2.4e9));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LpuFamily().resolve(chip(MemoryKind.HBM, stack)));
        assertEquals("test-lpu: a stacked part's first memory tier must be SRAM", e.getMessage());
    }
}
