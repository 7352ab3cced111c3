package dev.tokenscale.host.units;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one formatter: SI prefixes, three significant figures, K for bytes and k for everything else. */
class UnitsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            4.8e12   | B/s   | 4.8 TB/s
            2.1e16   | B/s   | 21 PB/s
            36900    | B     | 36.9 KB
            10200    | W     | 10.2 kW
            4500     | tok/s | 4.5 ktok/s
            7.5e8    | W     | 750 MW
            3.05e-7  | s     | 305 ns
            0.0219   | s     | 21.9 ms
            0        | W     | 0 W
            """)
    void prefixesAndThreeSignificantFigures(double value, String unit, String expected) {
        assertEquals(expected, Units.si(value, unit));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            0.0032  | 3.2 ms
            12.5    | 12.5 s
            4.2e-6  | 4.2 us
            """)
    void secondsStayInSecondsAboveOne(double seconds, String expected) {
        assertEquals(expected, Units.seconds(seconds));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            1.03e12 | 1,030 GB
            8.12e11 | 812 GB
            5.76e8  | 0.576 GB
            """)
    void gigabytesForMessagesThatCompareSizes(double bytes, String expected) {
        assertEquals(expected, Units.gigabytes(bytes));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            1978.9   | 5 | 1,978.9
            15.625   | 5 | 15.625
            46225    | 5 | 46,225
            0.123456 | 3 | 0.123
            """)
    void decimalsKeepTheirDigitsAndGroupThousands(double value, int digits, String expected) {
        assertEquals(expected, Units.decimal(value, digits));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            950000    | $950K
            2.51e7    | $25.1M
            6.46e9    | $6.46B
            """)
    void bigDollarsAsPeopleWriteThem(double value, String expected) {
        assertEquals(expected, Units.bigDollars(value));
    }
}
