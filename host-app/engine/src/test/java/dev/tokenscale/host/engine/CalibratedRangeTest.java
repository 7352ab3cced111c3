package dev.tokenscale.host.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tokenscale.api.ModelArchitecture;
import dev.tokenscale.host.engine.CalibratedRange.CalibratedModel;
import dev.tokenscale.host.engine.CalibratedRange.Span;
import dev.tokenscale.host.spec.SpecException;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalibratedRangeTest {

    private static final CalibratedRange H200 = new CalibratedRange(new Span(1, 256), new Span(1024, 8192),
            new Span(512, 8192), 1, List.of(new CalibratedModel("llama-3.1-8b", 7.5e9, false),
            new CalibratedModel("gpt-oss-20b-like", 3.6e9, true)));

    @Test
    void insideTheRangeThereIsNothingToSay() throws SpecException {
        ModelArchitecture llama = Catalog.model("llama-3.1-8b");
        assertEquals(List.of(), H200.warnings(llama, Workload.of(llama, 64, 4096, 2048), 1));
    }

    @Test
    void eachQuantityOutsideSaysHowFar() throws SpecException {
        ModelArchitecture llama = Catalog.model("llama-3.1-8b");
        assertEquals(List.of("batch 512 is 2x beyond the calibrated range 1-256",
                        "context 32,768 is 4x beyond the calibrated range 1,024-8,192",
                        "prompt 128 is 4x below the calibrated range 512-8,192",
                        "8 devices: the calibration measured 1 device, so collectives and pipeline hops are not "
                                + "calibrated"),
                H200.warnings(llama, Workload.of(llama, 512, 32768, 128), 8));
    }

    @Test
    void anotherModelIsComparedByItsShape() throws SpecException {
        ModelArchitecture qwen = Catalog.model("qwen3-32b");
        assertEquals(List.of("model qwen3-32b reads 32.0B active parameters, 4.3x beyond the calibrated models' "
                + "3.6B-7.5B"), H200.warnings(qwen, Workload.of(qwen, 8, 2048, 1024), 1));
        CalibratedRange denseOnly = new CalibratedRange(H200.batch(), H200.contextTokens(), null, 1,
                List.of(new CalibratedModel("llama-3.1-8b", 7.5e9, false)));
        ModelArchitecture gptOss = Catalog.model("gpt-oss-20b");
        assertEquals(List.of("prompt 1,024: no prefill rows were calibrated, so time to first token is not",
                        "model gpt-oss-20b reads 3.6B active parameters, 2.1x below the calibrated model's 7.5B",
                        "model gpt-oss-20b is a mixture of experts; the calibration measured no MoE model, so its "
                                + "grouped expert GEMMs are not calibrated"),
                denseOnly.warnings(gptOss, Workload.of(gptOss, 8, 2048, 1024), 1));
    }
}
