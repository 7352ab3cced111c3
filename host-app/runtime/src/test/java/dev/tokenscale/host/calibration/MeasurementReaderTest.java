package dev.tokenscale.host.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tokenscale.host.engine.Measurement;
import dev.tokenscale.host.engine.Measurement.Phase;
import dev.tokenscale.host.spec.SpecException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeasurementReaderTest {

    private static final String HEADER = "hardware,model,phase,batch,context_tokens,prompt_tokens,step_seconds,note\n";

    static final Path SHARED = Path.of(System.getProperty("tokenscale.repo"), "data", "measurements",
            "h200-calibration.csv");

    private static List<Measurement> read(String text, String name) throws SpecException {
        return MeasurementReader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), name);
    }

    private static String error(String text, String name) {
        return assertThrows(SpecException.class, () -> read(text, name)).getMessage();
    }

    @Test
    void readsTheSharedH200File() throws SpecException {
        List<Measurement> rows = MeasurementReader.read(SHARED);
        assertEquals(21, rows.size());
        assertEquals(new Measurement("nvidia-h200", "llama-3.1-8b", Phase.DECODE, 1, 1024, 0, 0.00590275,
                SHARED + ", line 2"), rows.get(0));
        assertEquals(new Measurement("nvidia-h200", "llama-3.1-8b", Phase.PREFILL, 1, 0, 8192, 0.248551,
                SHARED + ", line 13"), rows.get(11));
        assertEquals(12, rows.stream().filter(r -> r.model().equals("llama-3.1-8b")).count());
        assertEquals(3, rows.stream().filter(r -> r.phase() == Phase.PREFILL).count());
    }

    @Test
    void readsJsonWithTheSameColumns() throws SpecException {
        List<Measurement> rows = read("""
                [
                  {"hardware": "nvidia-h200", "model": "llama-3.1-8b", "phase": "decode", "batch": 8,
                   "context_tokens": 8192, "prompt_tokens": null, "step_seconds": 0.0091233},
                  {"hardware": "nvidia-h200", "model": "llama-3.1-8b", "phase": "Prefill", "batch": "1",
                   "context_tokens": "", "prompt_tokens": 512, "step_seconds": "0.0180045", "note": "eager"}
                ]
                """, "m.json");
        assertEquals(new Measurement("nvidia-h200", "llama-3.1-8b", Phase.DECODE, 8, 8192, 0, 0.0091233,
                "m.json, line 2"), rows.get(0));
        assertEquals(new Measurement("nvidia-h200", "llama-3.1-8b", Phase.PREFILL, 1, 0, 512, 0.0180045,
                "m.json, line 4"), rows.get(1));
    }

    @Test
    void quotedNotesMayHoldCommas() throws SpecException {
        List<Measurement> rows = read(HEADER + "nvidia-h200,llama-3.1-8b,decode,1,1024,,0.0059,\"bf16, graph\"\n",
                "m.csv");
        assertEquals(0.0059, rows.get(0).seconds());
    }

    @Test
    void aMissingColumnNamesTheColumn() {
        assertEquals("m.csv: line 1: missing column 'step_seconds'; expected hardware, model, phase, batch, "
                        + "context_tokens, prompt_tokens, step_seconds",
                error("hardware,model,phase,batch,context_tokens,prompt_tokens\nnvidia-h200,x,decode,1,1,\n",
                        "m.csv"));
    }

    @Test
    void anUnknownColumnIsAnError() {
        assertEquals("m.csv: line 1: unknown column 'seconds'; expected hardware, model, phase, batch, "
                        + "context_tokens, prompt_tokens, step_seconds (and optionally tokens_per_user_per_second, "
                        + "tokens_per_gpu_per_second, note)",
                error("hardware,model,phase,batch,context_tokens,prompt_tokens,seconds\n", "m.csv"));
    }

    @Test
    void aNonPositiveTimeNamesLineColumnValueAndExpectation() {
        assertEquals("m.csv: line 3, column 'step_seconds': '-0.5': expected a time from 1e-9 to 3600 s",
                error(HEADER + "nvidia-h200,llama-3.1-8b,decode,1,1024,,0.0059,\n"
                        + "nvidia-h200,llama-3.1-8b,decode,1,1024,,-0.5,\n", "m.csv"));
        assertEquals("m.csv: line 2, column 'step_seconds': '0': expected a time from 1e-9 to 3600 s",
                error(HEADER + "nvidia-h200,llama-3.1-8b,decode,1,1024,,0,\n", "m.csv"));
    }

    @Test
    void aBadNumberNamesLineColumnValueAndExpectation() {
        assertEquals("m.csv: line 2, column 'batch': 'eight': expected a whole number of 1 or more",
                error(HEADER + "nvidia-h200,llama-3.1-8b,decode,eight,1024,,0.0059,\n", "m.csv"));
        assertEquals("m.csv: line 2, column 'step_seconds': '5.9 parsecs': unknown unit 'parsecs'; expected seconds, "
                + "a number with one of the units ms, ns, s, us",
                error(HEADER + "nvidia-h200,llama-3.1-8b,decode,1,1024,,5.9 parsecs,\n", "m.csv"));
    }

    @Test
    void aTimeMayBeWrittenWithItsUnit() throws Exception {
        String rows = HEADER + "nvidia-h200,llama-3.1-8b,decode,1,1024,,5.9 ms,\n";
        List<Measurement> read = MeasurementReader.read(new ByteArrayInputStream(rows.getBytes(
                StandardCharsets.UTF_8)), "m.csv");
        assertEquals(0.0059, read.get(0).seconds(), 1e-18);
    }

    @Test
    void aDecodeRowNeedsItsContextAndAPrefillRowItsPrompt() {
        assertEquals("m.csv: line 2, column 'context_tokens': empty; a decode row needs its cached tokens, a whole "
                + "number of 1 or more", error(HEADER + "nvidia-h200,llama-3.1-8b,decode,1,,,0.0059,\n", "m.csv"));
        assertEquals("m.csv: line 2, column 'prompt_tokens': empty; a prefill row needs its prompt length, a whole "
                + "number of 1 or more", error(HEADER + "nvidia-h200,llama-3.1-8b,prefill,1,,,0.0059,\n", "m.csv"));
    }

    @Test
    void anUnknownPhaseOrAnEmptyIdIsAnError() {
        assertEquals("m.csv: line 2, column 'phase': 'decoding': expected one of decode, prefill",
                error(HEADER + "nvidia-h200,llama-3.1-8b,decoding,1,1024,,0.0059,\n", "m.csv"));
        assertEquals("m.csv: line 2, column 'model': missing; expected a non-empty text",
                error(HEADER + "nvidia-h200,,decode,1,1024,,0.0059,\n", "m.csv"));
    }

    @Test
    void aRowWithTheWrongNumberOfValuesIsAnError() {
        assertEquals("m.csv: line 2: 7 values; expected 8, one per column of the header",
                error(HEADER + "nvidia-h200,llama-3.1-8b,decode,1,1024,,0.0059\n", "m.csv"));
    }

    @Test
    void badJsonShapesAreErrors() {
        assertEquals("m.json: expected a JSON array of rows, e.g. [{\"hardware\": \"nvidia-h200\", \"model\": "
                + "\"llama-3.1-8b\", \"phase\": \"decode\", ...}]", error("{\"rows\": []}", "m.json"));
        assertEquals("m.json: line 1, column 'batch': expected a number or a text, not a list",
                error("[{\"batch\": [1]}]", "m.json"));
        assertEquals("m.json: line 1: missing column 'hardware'; expected hardware, model, phase, batch, "
                + "context_tokens, prompt_tokens, step_seconds", error("[{\"model\": \"x\"}]", "m.json"));
    }

    @Test
    void emptyFilesAndOtherFileTypesAreErrors() {
        assertEquals("m.csv: no rows; expected at least one measurement", error(HEADER, "m.csv"));
        assertEquals("m.txt: unknown file type; expected a .csv or .json measurement file", error(HEADER, "m.txt"));
    }
}
