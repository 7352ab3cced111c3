package dev.tokenscale.host.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class HardwareReaderTest {

    private static final String FILE = "test-wafer.yaml";

    @Test
    void readsTheGoodSpec() throws SpecException {
        var spec = read(BadSpecs.GOOD);
        assertEquals(44e9, spec.primaryMemory().capacity().value());
    }

    @ParameterizedTest
    @FieldSource("dev.tokenscale.host.spec.BadSpecs#CASES")
    void rejectsEachBadFileWithFileFieldValueAndExpectation(BadSpecs.Case bad) {
        SpecException error = assertThrows(SpecException.class, () -> read(bad.text()));
        assertEquals(bad.field(), error.field(), error.getMessage());
        assertTrue(error.getMessage().startsWith(FILE + ": "), error.getMessage());
        for (String keyword : bad.keywords()) {
            assertTrue(error.getMessage().contains(keyword), "'" + keyword + "' not in: " + error.getMessage());
        }
        assertEquals(1, error.getMessage().lines().count(), error.getMessage());
    }

    private static dev.tokenscale.api.AcceleratorSpec read(String text) throws SpecException {
        return HardwareReader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), FILE);
    }
}
