package dev.tokenscale.host.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tokenscale.host.engine.OperatingPoint.Request;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The metrics of one operating point, worked out by hand: batch B = 4 on 2 test GPUs ($1.63 and 1,625 facility W
 * each), decode step t = 10 ms, prefill T = 200 ms, requests of P = 1,000 prompt and O = 3,000 output tokens. A slot
 * turns over every O t + B T = 30 + 0.8 = 30.8 s.
 */
class OperatingPointTest {

    private static final Accelerator GPU = Catalog.testGpu();
    private static final Placement TP2 = new Placement(1, 2, 1, 1,
            List.of(new Shard(0, 36, true, true, 2, 1, "hbm", "hbm", null, 0, "nvlink")), null);

    @Test
    void metricsMatchTheHandComputedValues() {
        OperatingPoint p = OperatingPoint.of(GPU, Economics.DEFAULT, TP2, 4, new Request(1000, 3000), 0.010, 0.200);
        double output = 4 * 3000 / 30.8;          // 389.61 output tokens/s
        double input = 4 * 1000 / 30.8;           // 129.87 input tokens/s
        assertEquals(1 / (0.010 + 3 * 0.200 / 3000), p.tokensPerUserPerSecond(), 1e-9);   // TPOT 10.2 ms: 98.04
        assertEquals(98.0392, p.tokensPerUserPerSecond(), 1e-4);
        assertEquals(output / 2, p.tokensPerChipPerSecond(), 1e-9);
        assertEquals(194.8052, p.tokensPerChipPerSecond(), 1e-4);
        assertEquals((output + input) / 2, p.totalTokensPerChipPerSecond(), 1e-9);
        assertEquals(8 * output / 2, p.tokensPerSystemPerSecond(), 1e-9);
        // $3.26 an hour for the two GPUs over 1,402,597 tokens an hour.
        assertEquals(2.324259, p.costPerMillionTokensUsd(), 1e-6);
        // Prefill: 1,000 tokens in 200 ms = 5,000 tokens/s at $3.26 an hour.
        assertEquals(0.181111, p.costPerMillionInputTokensUsd(), 1e-6);
        // 3,250 W of facility power.
        assertEquals(output / 0.00325, p.tokensPerSecondPerMegawatt(), 1e-6);
        assertEquals(0.8 / 30.8, p.prefillShare(), 1e-12);
        assertEquals(2, p.devices());
        assertEquals("tp=2", p.placement());
    }

    @Test
    void atBatchOneInteractivityIsTheDecodeRate() {
        OperatingPoint p = OperatingPoint.of(GPU, Economics.DEFAULT, TP2, 1, new Request(1000, 3000), 0.010, 0.200);
        assertEquals(100, p.tokensPerUserPerSecond(), 1e-9);
    }

    @Test
    void aRequestIsItsPromptAndTheRestOfItsContext() {
        Request request = Request.of(new Workload(1, 8192, 1024, dev.tokenscale.api.Precision.BF16,
                dev.tokenscale.api.Precision.BF16, dev.tokenscale.api.Precision.BF16));
        assertEquals(new Request(1024, 7168), request);
        assertThrows(IllegalArgumentException.class, () -> new Request(1024, 0));
    }
}
