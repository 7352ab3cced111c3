package dev.tokenscale.host.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tokenscale.api.AcceleratorSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Economics formulas against values worked out by hand for the test server: capex $350,400, 10 kW, 8 GPUs. With the
 * defaults (4 years, PUE 1.3, $0.08/kWh, opex 5%): capital 350,400 / 35,040 = $10/h, energy 10 x 1.3 x 0.08 =
 * $1.04/h, operations 350,400 x 0.05 / 8,760 = $2/h; $13.04 a system-hour, $1.63 a GPU-hour.
 */
class EconomicsTest {

    private static final AcceleratorSpec SPEC = Catalog.testGpu().spec();

    @Test
    void defaultsGiveTheHandComputedHourlyCost() {
        assertEquals(13.04, Economics.DEFAULT.dollarsPerSystemHour(SPEC), 1e-9);
        assertEquals(1.63, Economics.DEFAULT.dollarsPerDeviceHour(SPEC), 1e-9);
        assertEquals(13_000, Economics.DEFAULT.facilityWattsPerSystem(SPEC), 1e-9);
        assertEquals(1_625, Economics.DEFAULT.facilityWattsPerDevice(SPEC), 1e-9);
    }

    @Test
    void everyInputMovesItsTerm() {
        // 5 years: 350,400 / 43,800 = $8/h; PUE 1.2 at $0.10: 10 x 1.2 x 0.1 = $1.20/h; no operations.
        assertEquals(9.2, new Economics(5, 1.2, 0.10, 0).dollarsPerSystemHour(SPEC), 1e-9);
        // Capex doubled: capital $20/h and operations $4/h, energy unchanged.
        Economics capex = new Economics(4, 1.3, 0.08, 0.05, Map.of("test-gpu", 700_800.0), Map.of());
        assertEquals(25.04, capex.dollarsPerSystemHour(SPEC), 1e-9);
        assertEquals(700_800, capex.capex(SPEC), 1e-9);
        // 20 kW: energy $2.08/h, and 26 kW of facility power.
        Economics power = new Economics(4, 1.3, 0.08, 0.05, Map.of(), Map.of("test-gpu", 20_000.0));
        assertEquals(14.08, power.dollarsPerSystemHour(SPEC), 1e-9);
        assertEquals(26_000, power.facilityWattsPerSystem(SPEC), 1e-9);
        // An override for another system changes nothing here.
        assertEquals(13.04, new Economics(4, 1.3, 0.08, 0.05, Map.of("other", 1.0), Map.of())
                .dollarsPerSystemHour(SPEC), 1e-9);
    }

    @Test
    void dollarsPerMillionTokens() {
        // $13.04 an hour at 1,000 tokens/s: 3.6 million tokens an hour, so $3.6222 per million.
        assertEquals(13.04 / 3.6, Economics.dollarsPerMillionTokens(13.04, 1000), 1e-12);
        assertEquals(1.0, Economics.dollarsPerMillionTokens(3.6, 1000), 1e-12);
    }

    @Test
    void rejectsImpossibleInputs() {
        assertThrows(IllegalArgumentException.class, () -> new Economics(0, 1.3, 0.08, 0.05));
        assertThrows(IllegalArgumentException.class, () -> new Economics(4, 0.9, 0.08, 0.05));
        assertThrows(IllegalArgumentException.class, () -> new Economics(4, 1.3, -1, 0.05));
        assertThrows(IllegalArgumentException.class, () -> new Economics(4, 1.3, 0.08, -0.1));
        assertThrows(IllegalArgumentException.class,
                () -> new Economics(4, 1.3, 0.08, 0.05, Map.of("test-gpu", 0.0), Map.of()));
    }
}
