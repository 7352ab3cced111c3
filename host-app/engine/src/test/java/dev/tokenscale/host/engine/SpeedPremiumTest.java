package dev.tokenscale.host.engine;

import static dev.tokenscale.host.engine.Catalog.point;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The "2.5x the speed for 6x the price" question on two made-up systems, a bus and a Ferrari. */
class SpeedPremiumTest {

    private static final OperatingPoint BUS_STANDARD = point(512, 8, 40, 4000, 1);
    private static final OperatingPoint BUS_FAST = point(64, 8, 100, 1300, 3);
    private static final OperatingPoint FERRARI_FAST = point(64, 2, 100, 300, 12);
    private static final OperatingPoint FERRARI_TOP = point(1, 2, 1000, 20, 30);
    private static final List<Curve> CURVES = List.of(curve("ferrari", FERRARI_FAST, FERRARI_TOP),
            curve("bus", BUS_STANDARD, BUS_FAST), curve("slow", point(1, 8, 50, 10, 5)));

    private static Curve curve(String id, OperatingPoint... frontier) {
        return new Curve(id, id, "chip", "shipping", 1, new Curve.SystemCost(1, 1, 1, 1, 1, "t", "t"),
                List.of(frontier), 0, 0, frontier.length, 1, null, null);
    }

    @Test
    void theStandardIsTheCheapestPointAndEachFastModeIsPricedAgainstIt() {
        SpeedPremium premium = SpeedPremium.of(CURVES, 40, 100, null);
        assertEquals("bus", premium.standard().hardware());
        assertSame(BUS_STANDARD, premium.standard().point());
        SpeedPremium.Option onTheBus = premium.fast().get(0);
        assertEquals("bus", onTheBus.hardware());
        assertSame(BUS_FAST, onTheBus.point());
        assertEquals(2.5, onTheBus.speedup(), 1e-12);
        assertEquals(3, onTheBus.priceRatio(), 1e-12);
        SpeedPremium.Option onTheFerrari = premium.fast().get(1);
        assertEquals("ferrari", onTheFerrari.hardware());
        assertEquals(2.5, onTheFerrari.speedup(), 1e-12);
        assertEquals(12, onTheFerrari.priceRatio(), 1e-12);
        SpeedPremium.Option slow = premium.fast().get(2);
        assertEquals("slow", slow.hardware());
        assertNull(slow.point());
        assertNull(slow.priceRatio());
    }

    @Test
    void theStandardCanBeFixedToOneSystem() {
        SpeedPremium premium = SpeedPremium.of(CURVES, 40, 100, "ferrari");
        assertSame(FERRARI_FAST, premium.standard().point());
        assertEquals(0.25, premium.fast().get(0).priceRatio(), 1e-12);
    }

    @Test
    void withoutAStandardThereIsNoRatio() {
        SpeedPremium premium = SpeedPremium.of(CURVES, 5000, 100, null);
        assertNull(premium.standard());
        assertNull(premium.fast().get(0).speedup());
    }
}
