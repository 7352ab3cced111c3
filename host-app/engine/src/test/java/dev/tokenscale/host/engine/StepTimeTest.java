package dev.tokenscale.host.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenscale.api.ModelArchitecture;
import dev.tokenscale.host.engine.Estimate.BreakdownLine;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Step times on the real plugins' execution models: the explained terms add up to the step time exactly, whatever
 * the model kind, placement or speculation, and the fast path gives the same value as the explained one.
 */
class StepTimeTest {


    private static Estimate estimate(String model, String hardware, int batch, long context, int pp, int tp,
                                     int mb, Speculation speculation) {
        ModelArchitecture m = Catalog.model(model);
        Accelerator a = Catalog.hardware(hardware);
        Workload w = Workload.of(m, batch, context, 512);
        Placements.Built built = Placements.build(m, a, w, pp, tp, 1, mb);
        assertNotNull(built.placement(), () -> model + " on " + hardware + ": " + built.problem());
        return Estimator.estimate(m, a, w, built.placement(), speculation, List.of());
    }

    private static void assertTermsAddUp(Estimate e) {
        assertTrue(e.fits(), e.fitProblem());
        double sum = e.breakdown().stream().mapToDouble(BreakdownLine::totalSeconds).sum();
        assertEquals(e.stepSeconds(), sum, 1e-12 * e.stepSeconds(), e.model() + " on " + e.hardware());
        for (BreakdownLine line : e.breakdown()) {
            assertEquals(line.count() * line.seconds(), line.totalSeconds(), 0, line.name());
        }
    }

    @ParameterizedTest(name = "{0} on {1}, batch {2}, pp={4}, tp={5}")
    @CsvSource({
        // dense
        "llama-3.1-8b, nvidia-h200, 1, 8192, 1, 1, 1",
        "llama-3.1-70b, nvidia-h200, 32, 8192, 1, 8, 1",
        // MoE with a sliding window, on a wafer pipeline
        "gpt-oss-120b, cerebras-cs3, 1, 8192, 2, 1, 1",
        "gpt-oss-120b, nvidia-b200, 64, 32768, 1, 1, 1",
        // MoE
        "qwen3-235b-a22b, nvidia-b200, 16, 4096, 1, 8, 1",
        // MLA with shared experts and leading dense layers, pipelined with micro-batches in flight
        "deepseek-v3, nvidia-h200, 64, 16384, 2, 8, 2",
        "kimi-k2, nvidia-gb200-nvl72, 8, 131072, 1, 72, 1",
        // dense pipeline across wafers
        "llama-3.1-70b, cerebras-cs3, 4, 8192, 4, 1, 4",
    })
    void explainedTermsAddUpToTheStepTime(String model, String hardware, int batch, long context, int pp, int tp,
                                          int mb) {
        assertTermsAddUp(estimate(model, hardware, batch, context, pp, tp, mb, null));
    }

    /**
     * Two pipeline stages of unequal size on HBM GPUs (whose operations occupy the device for their whole time), two
     * micro-batches in flight: a token of one micro-batch goes through stage 0, the hop and stage 1, and then waits
     * while the busier stage serves the other micro-batch. From the stages' own terms, t0 and t1, and the hop h: the
     * path is t0 + h + t1, the busier stage holds each micro-batch max(t0, t1) + h, and the cycle is
     * max(path, 2 x (max(t0, t1) + h)); the queueing term is the cycle less the path.
     */
    @Test
    void microBatchesQueueBehindTheBusiestStage() {
        Estimate e = estimate("deepseek-v3", "nvidia-h200", 64, 16384, 2, 8, 2, null);
        double[] stage = new double[2];
        double hop = 0;
        BreakdownLine queueing = null;
        for (BreakdownLine line : e.breakdown()) {
            if (line.stage() >= 0) {
                stage[line.stage()] += line.totalSeconds();
            } else if (line.name().equals("activations to the next stage")) {
                hop = line.seconds();
            } else if (line.name().startsWith("queueing")) {
                queueing = line;
            }
        }
        double path = stage[0] + hop + stage[1];
        double busiest = Math.max(stage[0], stage[1]) + hop;
        assertTrue(2 * busiest > path, "deepseek-v3's stages are unequal (3 dense layers and the embedding in the "
                + "first): " + stage[0] + " vs " + stage[1]);
        assertEquals(2 * busiest, e.stepSeconds(), 1e-12 * e.stepSeconds());
        assertNotNull(queueing, "the queueing term is on the breakdown");
        assertEquals("queueing while the busiest stage serves the other 1 micro-batch", queueing.name());
        assertEquals(busiest - (path - busiest), queueing.totalSeconds(), 1e-12 * e.stepSeconds());

        Estimate alone = estimate("deepseek-v3", "nvidia-h200", 64, 16384, 2, 8, 1, null);
        assertTrue(alone.breakdown().stream().noneMatch(l -> l.name().startsWith("queueing")),
                "one micro-batch in flight never queues");
    }

    @Test
    void speculativeRunsAddUpAndSpeedUpByTheExpectedTokensPerVerify() {
        ModelArchitecture draft = Catalog.model("llama-3.1-8b");
        Estimate e = estimate("llama-3.1-70b", "cerebras-cs3", 1, 8192, 4, 1, 1, new Speculation(draft, 4, 0.7));
        assertTermsAddUp(e);
        assertEquals((1 - Math.pow(0.7, 5)) / 0.3, e.speculation().tokensPerVerify(), 1e-12);
        assertEquals(e.speculation().tokensPerVerify() / e.stepSeconds(), e.tokensPerUserPerSecond(), 1e-9);
        assertEquals(e.speculation().verifySeconds() + 4 * e.speculation().draftSeconds(), e.stepSeconds(),
                1e-12 * e.stepSeconds());
    }

    @Test
    void speculationWithAcceptanceZeroNeverSpeedsDecodeUp() {
        ModelArchitecture draft = Catalog.model("llama-3.1-8b");
        ModelArchitecture target = Catalog.model("llama-3.1-70b");
        int tested = 0;
        for (Accelerator a : Catalog.accelerators()) {
            for (int batch : new int[] {1, 64}) {
                Workload w = Workload.of(target, batch, 4096, 512);
                PlacementSearch.Result placed = PlacementSearch.search(target, a, w,
                        PlacementSearch.Objective.INTERACTIVITY, PlacementSearch.Constraints.NONE, Economics.DEFAULT);
                if (placed.ranked().isEmpty()) {
                    continue; // e.g. 70B at batch 64 exceeds what CS-1 wafers can link
                }
                tested++;
                Estimate e = Estimator.estimate(target, a, w, placed.ranked().get(0).placement(),
                        new Speculation(draft, 3, 0), List.of());
                assertEquals(1, e.speculation().tokensPerVerify(), 0);
                assertTrue(e.speculation().speedup() <= 1, a.id() + " batch " + batch + ": " + e.speculation());
            }
        }
        assertTrue(tested >= Catalog.accelerators().size(), "placed on too few systems: " + tested);
    }

    @Test
    void theFastPathEqualsTheSumOfTheExplainedTermsForEveryModelAndSystem() {
        for (ModelArchitecture m : List.copyOf(Catalog.models().values())) {
            for (Accelerator a : Catalog.accelerators()) {
                Shard whole = Shard.whole(m, a.spec());
                for (int batch : new int[] {1, 8, 64}) {
                    Workload w = Workload.of(m, batch, 16_384, 1);
                    for (Pass pass : new Pass[] {Pass.decode(batch, 16_384), Pass.prefill(2048),
                            new Pass(batch, 5, 16_384)}) {
                        double fast = StepTime.seconds(m, a, w, whole, pass);
                        assertEquals(fast, StepTime.total(StepTime.explain(m, a, w, whole, pass)), 0,
                                m.id() + " on " + a.id() + " " + pass);
                    }
                }
            }
        }
    }

    @Test
    void slidingWindowAttentionStopsGrowingBeyondTheWindowOnEveryDevice() {
        ModelArchitecture m = Catalog.model("gpt-oss-120b");
        for (String hardware : new String[] {"nvidia-h200", "cerebras-cs3", "groq-lpu-v1"}) {
            Accelerator a = Catalog.hardware(hardware);
            Shard whole = Shard.whole(m, a.spec());
            double[] sliding = new double[3];
            double[] full = new double[3];
            long[] contexts = {1024, 8192, 65_536};
            for (int i = 0; i < contexts.length; i++) {
                for (OpCost line : StepTime.explain(m, a, Workload.of(m, 8, contexts[i], 1), whole,
                        Pass.decode(8, contexts[i]))) {
                    if (line.op().name().equals("attention")) {
                        if (line.group().contains("sliding")) {
                            sliding[i] = line.op().bytes();
                        } else {
                            full[i] = line.op().bytes();
                        }
                    }
                }
            }
            assertEquals(sliding[0], sliding[2], 0, hardware);
            assertEquals(64 * full[0], full[2], 1e-3 * full[2], hardware + ": full layers read the whole context");
        }
    }

    @Test
    void benchmarkSweepsWholeGrids() {
        DecodeBenchmark.Result result = DecodeBenchmark.run(List.copyOf(Catalog.models().values()), Catalog.accelerators(), 0.05, 0.2);
        int grid = List.copyOf(Catalog.models().values()).size() * Catalog.accelerators().size() * 16;
        assertEquals(grid, result.gridPoints());
        assertEquals(0, result.points() % grid, "whole sweeps only");
        assertTrue(result.pointsPerSecond() > 0 && result.seconds() >= 0.2, result.toString());
    }
}
