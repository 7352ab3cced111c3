package dev.tokenscale.host.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tokenscale.api.Precision;
import dev.tokenscale.host.engine.OperatingPoint.Request;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The metrics of one operating point, worked out by hand: a deployment on test GPUs ($1.63 an hour and 1,625 facility
 * W each) serving requests of P = 1,000 prompt and O = 3,000 output tokens.
 */
class OperatingPointTest {

    private static final Accelerator GPU = Catalog.testGpu();
    private static final Shape TP2 = Shape.tensor(1, 2, 1, 1);
    private static final Placement PLACEMENT = new Placement(TP2, false,
            List.of(new Shard(0, 36, true, true, TP2, 1, "hbm", "hbm", null, 0, "nvlink")), null);
    private static final Request REQUEST = new Request(1000, 3000);

    @Test
    void coLocatedMetricsMatchTheHandComputedValues() {
        // 4 sequences on 2 GPUs, 400 output tokens/s, a quarter of the device time prefilling.
        Serving.Served served = new Serving.Served(OperatingPoint.CO_LOCATED, 4, 2, 0, 400, 100, 0.010, 0.200, 0.25);
        OperatingPoint p = OperatingPoint.of(GPU, Economics.DEFAULT, PLACEMENT, REQUEST, served);
        double input = 400 * 1000 / 3000.0;      // 133.33 prompt tokens/s
        assertEquals(100, p.tokensPerUserPerSecond(), 1e-12);
        assertEquals(200, p.tokensPerChipPerSecond(), 1e-12);
        assertEquals((400 + input) / 2, p.totalTokensPerChipPerSecond(), 1e-9);
        assertEquals(8 * 200, p.tokensPerSystemPerSecond(), 1e-9);
        // $3.26 an hour for the two GPUs over 1,440,000 output tokens an hour.
        assertEquals(2.263889, p.costPerMillionTokensUsd(), 1e-6);
        // A quarter of $3.26 an hour over 480,000 prompt tokens an hour.
        assertEquals(1.697917, p.costPerMillionInputTokensUsd(), 1e-6);
        // 3,250 W of facility power.
        assertEquals(400 / 0.00325, p.tokensPerSecondPerMegawatt(), 1e-6);
        assertEquals("tp=2", p.label());
    }

    @Test
    void disaggregatedPoolsCountEveryDeviceOfBothPools() {
        // Decode instances of 8 devices, each 64 sequences at a 20 ms step: 3,200 output tokens/s, so 3.2 prompts of
        // 1,000 output tokens a second; a prefill instance prefills and sends 10 prompts a second. One prefill
        // instance keeps up with 3 decode instances (9.6 prompts/s): 9,600 tokens/s over 32 devices = 300 per
        // device; 1P+1D gives 200, 1P+2D 267, 2P+4D 267, 2P+6D and 3P+9D tie at 300 on more devices.
        Serving.PrefillPool pool = new Serving.PrefillPool(16, 1.2, 0.3, 10);
        Serving.Served served = Serving.pools(64, 0.020, 1, 1000, 8, pool, Serving.MAX_INSTANCES, 4096).orElseThrow();
        assertEquals("disaggregated 1P+3D", served.deployment());
        assertEquals(32, served.devices());
        assertEquals(8, served.prefillDevices());
        assertEquals(192, served.batch());
        assertEquals(9600, served.outputPerSecond(), 1e-9);
        assertEquals(50, served.tokensPerUser(), 1e-12);
        assertEquals(1.5, served.ttftSeconds(), 1e-12);
        OperatingPoint p = OperatingPoint.of(GPU, Economics.DEFAULT, PLACEMENT, new Request(1000, 1000), served);
        assertEquals(300, p.tokensPerChipPerSecond(), 1e-9);
        assertEquals(600, p.totalTokensPerChipPerSecond(), 1e-9);
        assertEquals("disaggregated 1P+3D, tp=2 each", p.label());
    }

    @Test
    void aRequestIsItsPromptAndTheRestOfItsContext() {
        Request request = Request.of(new Workload(1, 8192, 1024, Precision.BF16, Precision.BF16, Precision.BF16));
        assertEquals(new Request(1024, 7168), request);
        assertEquals(1024 + 3584, request.averageContextTokens());
        assertThrows(IllegalArgumentException.class, () -> new Request(1024, 0));
    }
}
