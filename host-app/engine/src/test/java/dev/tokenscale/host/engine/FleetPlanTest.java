package dev.tokenscale.host.engine;

import static dev.tokenscale.host.engine.Catalog.point;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fleet sizing worked out by hand for the test server (13 kW of facility power, $13.04 an hour, $350,400, 8 GPUs):
 * 1 MW feeds floor(1,000,000 / 13,000) = 76 systems, 608 GPUs.
 */
class FleetPlanTest {

    private static final OperatingPoint BUS = point(256, 8, 20, 2000, 0.2);
    private static final OperatingPoint MIDDLE = point(64, 2, 60, 500, 0.9);
    private static final OperatingPoint FAST = point(1, 8, 300, 40, 11);
    private static final Curve CURVE = new Curve("test-gpu", "Test GPU server", "GPU", "shipping", 8,
            new Curve.SystemCost(350_400, 10_000, 13_000, 13.04, 1.63, "test", "test"), List.of(BUS, MIDDLE, FAST),
            300, 2000, 100, 256, "memory", null);

    @Test
    void sizesByFacilityPowerAndServesAtTheCheapestPointAboveTheTarget() {
        FleetPlan plan = FleetPlan.size(CURVE, 1e6, 50);
        assertEquals(76, plan.systems());
        assertEquals(608, plan.devices());
        assertEquals(988_000, plan.facilityWatts(), 1e-6);
        assertSame(MIDDLE, plan.point());
        assertTrue(plan.reachesTarget());
        assertEquals(304, plan.replicas());                       // 608 GPUs / 2 per replica
        assertEquals(19_456, plan.concurrentUsers());              // 304 x batch 64
        assertEquals(304_000, plan.tokensPerSecond(), 1e-6);      // 608 GPUs x 500 tokens/s
        assertEquals(26_630_400, plan.capexUsd(), 1e-6);          // 76 x $350,400
        assertEquals(8_681_510.4, plan.yearlyCostUsd(), 1e-6);    // 76 x $13.04 x 8,760
        // $991.04 an hour over 1,094.4 million tokens an hour.
        assertEquals(0.905556, plan.costPerMillionTokensUsd(), 1e-6);
    }

    @Test
    void anUnreachableTargetFallsBackToTheFastestPointAndSaysSo() {
        FleetPlan plan = FleetPlan.size(CURVE, 1e6, 1000);
        assertSame(FAST, plan.point());
        assertFalse(plan.reachesTarget());
        assertEquals(76, plan.replicas());
        assertEquals(608 * 40, plan.tokensPerSecond(), 1e-9);
    }

    @Test
    void aBudgetBelowOneSystemBuildsNothing() {
        FleetPlan plan = FleetPlan.size(CURVE, 12_000, 50);
        assertEquals(0, plan.systems());
        assertEquals(0, plan.tokensPerSecond());
        assertNull(plan.costPerMillionTokensUsd());
        assertThrows(IllegalArgumentException.class, () -> FleetPlan.size(CURVE, 0, 50));
    }
}
