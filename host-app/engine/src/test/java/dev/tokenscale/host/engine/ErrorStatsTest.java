package dev.tokenscale.host.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ErrorStatsTest {

    @Test
    void medianAndMaxAreOfAbsoluteErrors() {
        assertEquals(new ErrorStats(3, 4, 10), ErrorStats.of(new double[] {-10, 4, 1}));
        assertEquals(new ErrorStats(4, 3, 8), ErrorStats.of(new double[] {2, -4, -8, 1}));
    }

    @Test
    void noErrorsIsAMistake() {
        assertThrows(IllegalArgumentException.class, () -> ErrorStats.of(new double[0]));
    }
}
