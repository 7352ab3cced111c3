package dev.tokenscale.host.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuantitiesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            44e9      | BYTES       | 44 GB
            230e6     | BYTES       | 230 MB
            1.5e12    | BYTES       | 1.5 TB
            2.1e16    | BANDWIDTH   | 21 PB/s
            3.35e12   | BANDWIDTH   | 3.35 TB/s
            150e9     | BANDWIDTH   | 150 GB/s
            1.5625e16 | FLOPS       | 15.625 PFLOPS
            1.9789e15 | FLOPS       | 1.9789 PFLOPS
            989.4e12  | FLOPS       | 989.4 TFLOPS
            700       | POWER       | 700 W
            10200     | POWER       | 10.2 kW
            450000    | MONEY       | $450,000
            1562500   | MONEY       | $1,562,500
            5e-6      | TIME        | 5 us
            46225     | AREA        | 46,225 mm2
            1.1e9     | FREQUENCY   | 1.1 GHz
            2.4e9     | SIGNAL_RATE | 2.4 Gb/s
            1.7e6     | DENSITY     | 1.7 MB/mm2
            2048      | NUMBER      | 2,048
            0.85      | NUMBER      | 0.85
            """)
    void formatsInHumanUnitsAndParsesBack(double si, Dimension dimension, String human) {
        assertEquals(human, Quantities.format(si, dimension));
        assertEquals(si, Quantities.parse(human, dimension), si * 1e-12);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            3.35 TB/s | BANDWIDTH | 3.35e12
            1.2 Tb/s  | BANDWIDTH | 150e9
            220 MiB   | BYTES     | 230686720
            15.625 PFLOPS | FLOPS | 1.5625e16
            1978.9 TFLOPS | FLOPS | 1.9789e15
            $450,000  | MONEY     | 450000
            4.4e10    | BYTES     | 4.4e10
            """)
    void parsesDecimalsExactly(String written, Dimension dimension, double si) {
        assertEquals(si, Quantities.parse(written, dimension));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            44 gb     | BYTES | unknown unit 'gb'; expected bytes
            44 GB/s   | BYTES | unknown unit 'GB/s'
            GB        | BYTES | expected bytes, a number with one of the units
            """)
    void saysWhatItExpects(String written, Dimension dimension, String message) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Quantities.parse(written, dimension));
        assertTrue(error.getMessage().contains(message), error.getMessage());
    }
}
