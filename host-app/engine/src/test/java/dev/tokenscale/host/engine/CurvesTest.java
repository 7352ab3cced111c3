package dev.tokenscale.host.engine;

import static dev.tokenscale.host.engine.Catalog.point;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenscale.api.ModelArchitecture;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sweep keeps exactly the Pareto frontier, sorted, and stops where more batch gains nothing. */
class CurvesTest {

    @Test
    void frontierDropsDominatedPointsAndSortsByInteractivity() {
        OperatingPoint fast = point(1, 8, 400, 50, 9);
        OperatingPoint middle = point(16, 8, 200, 600, 1);
        OperatingPoint dominated = point(8, 8, 190, 500, 2);
        OperatingPoint bus = point(256, 8, 40, 5000, 0.1);
        OperatingPoint sameAsBusOnMoreDevices = point(256, 16, 40, 5000, 0.1);
        List<OperatingPoint> frontier = Curves.frontier(List.of(middle, bus, dominated, fast, sameAsBusOnMoreDevices));
        assertEquals(List.of(bus, middle, fast), frontier);
    }

    @Test
    void sweepOfARealModelIsAParetoFrontier() {
        ModelArchitecture model = Catalog.model("gpt-oss-120b");
        Curve curve = Curves.sweep(model, Catalog.testGpu(), Workload.of(model, 1, 8192, 1024),
                Economics.DEFAULT);
        List<OperatingPoint> frontier = curve.frontier();
        assertTrue(frontier.size() >= 5, "a frontier of several points: " + frontier.size());
        assertNull(curve.problem());
        // At batch 1 the fastest placement spreads every layer over the 8 GPUs: each operation then moves at most
        // 4.4 MB per GPU, about 1 us at 5 TB/s, against the 3 us fixed cost of an operation, so per-op latency bounds
        // the step. The model has 36 layers of 14 operations each under tensor parallelism (2 norms, qkv, rotary,
        // attention, output, router, routing, gate/up, activation, down, combine, 2 all-reduces) plus the embedding
        // lookup, the final norm and the LM head: 507 operations.
        assertTrue(curve.limitedByAtBatchOne().startsWith("fixed per-op latency: 507 ops per step"),
                curve.limitedByAtBatchOne());
        for (int i = 1; i < frontier.size(); i++) {
            OperatingPoint slower = frontier.get(i - 1);
            OperatingPoint faster = frontier.get(i);
            assertTrue(faster.tokensPerUserPerSecond() > slower.tokensPerUserPerSecond(), "sorted by interactivity");
            assertTrue(faster.tokensPerChipPerSecond() < slower.tokensPerChipPerSecond(), "throughput falls");
        }
        assertEquals(1, curve.fastest().orElseThrow().batch(), "batch 1 is the fastest point");
        assertTrue(frontier.get(0).batch() >= 64, "the bus end is a large batch: " + frontier.get(0).batch());
        assertTrue(curve.largestBatch() < Curves.MAX_BATCH, "the sweep stops once throughput saturates");
        assertTrue(curve.pointsSwept() > frontier.size());
        assertEquals(frontier.get(frontier.size() - 1).tokensPerUserPerSecond(), curve.maxInteractivity());
        assertEquals(frontier.get(0).tokensPerChipPerSecond(), curve.maxThroughputPerChip());
        // Economics: one device costs $1.63 an hour, so each point's $/Mtok follows from its throughput per chip.
        for (OperatingPoint p : frontier) {
            assertEquals(1.63 / (p.tokensPerChipPerSecond() * 3600) * 1e6, p.costPerMillionTokensUsd(),
                    1e-9 * p.costPerMillionTokensUsd());
        }
        assertEquals(13.04, curve.cost().dollarsPerSystemHour(), 1e-9);
    }

    @Test
    void aWorkloadThatFitsNowhereGivesAnEmptyCurveAndTheReason() {
        ModelArchitecture model = Catalog.model("gpt-oss-120b");
        // A billion-token context: one layer's KV cache alone outgrows a whole 8-GPU domain.
        Curve none = Curves.sweep(model, Catalog.testGpu(), Workload.of(model, 1, 1_000_000_000L, 1024),
                Economics.DEFAULT);
        assertTrue(none.frontier().isEmpty());
        assertNotNull(none.problem());
        assertEquals(0, none.maxInteractivity());
        assertEquals(0, none.largestBatch());
        assertTrue(none.fastest().isEmpty());
    }
}
