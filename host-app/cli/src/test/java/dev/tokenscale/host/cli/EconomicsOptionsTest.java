package dev.tokenscale.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenscale.host.engine.Economics;
import dev.tokenscale.host.runtime.Installed;
import dev.tokenscale.host.engine.Catalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Economics from defaults, a file and flags, in that order of precedence, and one-line errors for bad input. */
class EconomicsOptionsTest {

    private static final Installed INSTALLED = new Installed(List.of(Catalog.testGpu()), List.of());

    @TempDir
    Path dir;

    private static Economics parse(String... args) {
        EconomicsOptions options = new EconomicsOptions();
        new CommandLine(options).parseArgs(args);
        return options.economics(INSTALLED).economics(Economics.DEFAULT);
    }

    private String failure(String... args) {
        return assertThrows(UserException.class, () -> parse(args)).getMessage();
    }

    private Path file(String text) throws IOException {
        return Files.writeString(dir.resolve("economics.yaml"), text);
    }

    @Test
    void defaultsWithoutOptions() {
        assertEquals(Economics.DEFAULT, parse());
    }

    @Test
    void flagsOverrideTheFileWhichOverridesTheDefaults() throws IOException {
        Path yaml = file("""
                amortisationYears: 5
                pue: 1.2
                dollarsPerKwh: 0.10
                opexShare: 0
                capex:
                  test-gpu: 700,800 USD
                systemPower:
                  test-gpu: 20 kW
                """);
        Economics fromFile = parse("--economics", yaml.toString());
        assertEquals(new Economics(5, 1.2, 0.10, 0, Map.of("test-gpu", 700_800.0), Map.of("test-gpu", 20_000.0)),
                fromFile);
        Economics flags = parse("--economics", yaml.toString(), "--pue", "1.5", "--capex", "test-gpu=100000",
                "--system-power", "test-gpu=5kW");
        assertEquals(new Economics(5, 1.5, 0.10, 0, Map.of("test-gpu", 100_000.0), Map.of("test-gpu", 5_000.0)),
                flags);
    }

    @Test
    void badInputIsOneClearLine() throws IOException {
        assertTrue(failure("--pue", "0.9").contains("PUE 0.9: expected a number from 1 to 10"));
        assertTrue(failure("--amortisation-years", "0").contains("amortisation years 0.0: expected a number above 0, up to 100"));
        assertTrue(failure("--capex", "test-gpx=1").contains("--capex: unknown hardware 'test-gpx'; did you mean "
                + "test-gpu"));
        assertTrue(failure("--capex", "test-gpu=lots").contains("--capex test-gpu=lots: expected US dollars"));
        assertTrue(failure("--system-power", "test-gpu=-3kW").contains("expected a number above 0, up to 1e10"));
        assertTrue(failure("--pue", "1e308").contains("PUE 1.0E308: expected a number from 1 to 10"));
        assertTrue(failure("--economics", dir.resolve("missing.yaml").toString()).contains("no such file"));
        String typo = failure("--economics", file("pu: 1.2\n").toString());
        assertTrue(typo.contains("economics.yaml") && typo.contains("unknown field 'pu'"), typo);
        String syntax = failure("--economics", file("pue: [1.2\n").toString());
        assertTrue(syntax.contains("economics.yaml"), syntax);
        assertTrue(failure("--economics", file("pue: 0.5\n").toString()).contains("PUE 0.5"));
    }
}
