package dev.tokenscale.host.calibration;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenscale.host.engine.Measurement;
import dev.tokenscale.host.spec.Fields;
import dev.tokenscale.host.spec.SpecException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever a measurement file holds, the reader gives rows whose numbers are in the documented ranges (batch 1 to
 * 65,536, tokens up to 2^30, a step from 1e-9 to 3600 s), or one error line (issue 16: a column written twice kept
 * the last, and a row at 1e308 s gave a calibration with a 4.3e16 % median error).
 */
class MeasurementReaderPropertyTest {

    @Provide
    Arbitrary<String> cells() {
        return Arbitraries.oneOf(Arbitraries.integers().between(-2, 100_000).map(String::valueOf),
                Arbitraries.doubles().withSpecialValue(1e308).withSpecialValue(Double.NaN)
                        .withSpecialValue(Double.MIN_VALUE).withSpecialValue(-0.0).map(String::valueOf),
                Arbitraries.of("", "decode", "prefill", "DECODE", "9223372036854775808", "1e-12", "5.9 ms", "\"a,b\"",
                        "nvidia-h200"),
                Arbitraries.strings().ofMaxLength(20));
    }

    @Provide
    Arbitrary<String> files() {
        Arbitrary<String> header = Arbitraries.of(
                "hardware,model,phase,batch,context_tokens,prompt_tokens,step_seconds",
                "hardware,model,phase,batch,context_tokens,prompt_tokens,step_seconds,step_seconds",
                "hardware,model,phase,batch,context_tokens,prompt_tokens,step_seconds,note",
                "model,hardware,phase,batch,context_tokens,prompt_tokens,step_seconds");
        Arbitrary<String> row = Combinators.combine(cells(), cells(), cells(), cells(), cells())
                .as((phase, batch, context, prompt, seconds) -> String.join(",", "nvidia-h200", "llama-3.1-8b", phase,
                        batch, context, prompt, seconds));
        return Combinators.combine(header, row.list().ofMinSize(0).ofMaxSize(5))
                .as((h, rows) -> h + "\n" + String.join("\n", rows) + "\n");
    }

    @Property
    void aMeasurementFileGivesRowsInRangeOrOneErrorLine(@ForAll("files") String csv) {
        List<Measurement> rows;
        try {
            rows = MeasurementReader.read(csv.getBytes(StandardCharsets.UTF_8), "prop.csv");
        } catch (SpecException e) {
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
            assertTrue(e.getMessage().startsWith("prop.csv"), e.getMessage());
            return;
        }
        for (Measurement row : rows) {
            assertTrue(row.batch() >= 1 && row.batch() <= MeasurementReader.MAX_BATCH, row.toString());
            assertTrue(Fields.Range.STEP.accepts(row.seconds()), row.toString());
            assertTrue(row.contextTokens() >= 0 && row.contextTokens() <= MeasurementReader.MAX_TOKENS, row.toString());
            assertTrue(row.promptTokens() >= 0 && row.promptTokens() <= MeasurementReader.MAX_TOKENS, row.toString());
        }
    }
}
