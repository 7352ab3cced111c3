package dev.tokenscale.host.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenscale.api.AcceleratorSpec;
import dev.tokenscale.api.Precision;
import dev.tokenscale.host.testing.BadSpecs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    @Test
    void readsTheCompleteExampleOfTheSchemaPage() throws IOException, SpecException {
        String page = Files.readString(Path.of(System.getProperty("tokenscale.repo"), "docs/hardware-spec.md"));
        String example = page.substring(page.indexOf("## A complete example"));
        int start = example.indexOf("```yaml\n") + "```yaml\n".length();
        example = example.substring(start, example.indexOf("\n```", start));
        AcceleratorSpec spec = read(example);
        assertEquals("acme-a1", spec.id());
        assertEquals(96e9, spec.primaryMemory().capacity().value());
        assertEquals("ethernet", spec.memoryTier("kv-storage").orElseThrow().via());
        assertEquals(50e9, spec.interconnect("ethernet").orElseThrow().bandwidth().value());
        assertEquals(2.4e15, spec.compute().get(Precision.BF16).marketed().value());
        assertEquals(240_000, spec.cost().capex().value());
        assertEquals(4e-6, spec.parameter("opLatency", 0));
    }

    @Test
    void readsJsonAndNamesTheFieldOfAJsonSyntaxError() throws SpecException {
        String json = "{\"id\": \"x\", \"memory\": [{\"name\": \"sram\",, }]}";
        SpecException error = assertThrows(SpecException.class, () -> HardwareReader.read(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "x.json"));
        assertEquals("memory[0]", error.field(), error.getMessage());
        assertTrue(error.getMessage().startsWith("x.json: field 'memory[0]': syntax error at line 1, column 40: "),
                error.getMessage());
    }

    @ParameterizedTest
    @FieldSource("dev.tokenscale.host.testing.BadSpecs#CASES")
    void rejectsEachBadFileWithFileFieldValueAndExpectation(BadSpecs.Case bad) {
        SpecException error = assertThrows(SpecException.class, () -> read(bad.text()));
        assertEquals(bad.field(), error.field(), error.getMessage());
        assertTrue(error.getMessage().startsWith(FILE + ": "), error.getMessage());
        for (String keyword : bad.keywords()) {
            assertTrue(error.getMessage().contains(keyword), "'" + keyword + "' not in: " + error.getMessage());
        }
        assertEquals(1, error.getMessage().lines().count(), error.getMessage());
    }

    private static AcceleratorSpec read(String text) throws SpecException {
        return HardwareReader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), FILE);
    }
}
