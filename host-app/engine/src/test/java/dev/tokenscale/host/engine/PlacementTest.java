package dev.tokenscale.host.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenscale.api.AcceleratorSpec;
import dev.tokenscale.api.Figure;
import dev.tokenscale.api.Interconnect;
import dev.tokenscale.api.ModelArchitecture;
import dev.tokenscale.api.Precision;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The placement engine on the real plugins' data and execution models: the published industry facts that depend
 * on how a model is spread (wafer counts, hops, the island problem), and two properties every placement must keep.
 */
class PlacementTest {

    private static final PlacementSearch.Constraints EIGHT_GPUS = new PlacementSearch.Constraints(8, 0);

    private static ModelArchitecture model(String id) {
        return Catalog.model(id);
    }

    private static Accelerator hardware(String id) {
        return Catalog.hardware(id);
    }

    private static PlacementSearch.Candidate best(String model, String hardware, Workload workload,
                                                  PlacementSearch.Constraints constraints) {
        PlacementSearch.Result result = PlacementSearch.search(model(model), hardware(hardware), workload,
                PlacementSearch.Objective.INTERACTIVITY, constraints, Economics.DEFAULT);
        assertTrue(!result.ranked().isEmpty(), () -> model + " on " + hardware + ": " + result.problem());
        return result.ranked().get(0);
    }

    @Test
    void gptOss120bNeedsTwoWafersNativeAndMoreAtBf16AndRunsAtWaferSpeed() {
        ModelArchitecture m = model("gpt-oss-120b");
        Accelerator cs3 = hardware("cerebras-cs3");
        Workload native8k = Workload.of(m, 1, 8192, 1024);
        // 116.8B params: experts at 4.25 bits ~61 GB + the rest at 16 bits ~4 GB = ~65 GB over 37.4 GB usable.
        assertEquals(2, Placements.minimumStages(m, cs3, native8k, 1, 1));
        // At bf16: 6.5 GB a layer, so 5 layers per 37.4 GB usable wafer and ceil(36 / 5) = 8 wafers.
        assertEquals(8, Placements.minimumStages(m, cs3, native8k.withWeights(Precision.BF16), 1, 1));
        double speed = best("gpt-oss-120b", "cerebras-cs3", native8k, PlacementSearch.Constraints.NONE)
                .tokensPerUser();
        assertTrue(speed >= 1500 && speed <= 3000, "published about 2,000-3,000 tokens/s/user; got " + speed);
    }

    @Test
    void llama70bNeedsAboutFourWafersAndBeatsEightGpuServersPerUser() {
        ModelArchitecture m = model("llama-3.1-70b");
        Workload workload = Workload.of(m, 1, 8192, 1024);
        assertEquals(4, Placements.minimumStages(m, hardware("cerebras-cs3"), workload, 1, 1),
                "Cerebras ran Llama-3.1-70B at 16 bit on four CS-3");
        double wafer = best("llama-3.1-70b", "cerebras-cs3", workload, PlacementSearch.Constraints.NONE)
                .tokensPerUser();
        for (String gpu : List.of("nvidia-h100", "nvidia-h200")) {
            double server = best("llama-3.1-70b", gpu, workload, EIGHT_GPUS).tokensPerUser();
            assertTrue(wafer > 2 * server, "wafers " + wafer + " vs 8x " + gpu + " " + server);
        }
        ModelArchitecture big = model("llama-3.1-405b");
        PlacementSearch.Candidate biggest = best("llama-3.1-405b", "cerebras-cs3", Workload.of(big, 1, 8192, 1024),
                PlacementSearch.Constraints.NONE);
        assertTrue(biggest.tokensPerUser() < wafer, "405B " + biggest.tokensPerUser() + " vs 70B " + wafer);
        assertTrue(biggest.placement().pipelineStages() > 4, "405B needs more wafers, hence more hops");
    }

    @Test
    void trillionParameterMoeAtAMillionTokensStaysBelowAThousandAndShowsWhy() {
        ModelArchitecture kimi = model("kimi-k2");
        Accelerator cs3 = hardware("cerebras-cs3");
        Workload millionTokens = Workload.of(kimi, 1, 1_000_000, 1024);
        PlacementSearch.Candidate fastest = best("kimi-k2", "cerebras-cs3", millionTokens,
                PlacementSearch.Constraints.NONE);
        assertTrue(fastest.tokensPerUser() < 1000, "got " + fastest.tokensPerUser());
        // ~1.03 TB of fp8 weights over 37.4 GB usable wafers: at least 28 wafers, so at least 27 hops a token.
        assertTrue(fastest.placement().pipelineStages() >= 28, "wafers: " + fastest.placement().pipelineStages());
        Estimate explained = Estimator.estimate(kimi, cs3, millionTokens, fastest.placement(), null, List.of());
        assertEquals(fastest.placement().pipelineStages() - 1, explained.placement().hops().count());
        assertTrue(explained.placement().hops().latencySeconds() > 0);
        // With 8 users of a million tokens (560 GB of KV) the fewest wafers that hold the weights only do so by
        // spilling KV off-wafer, read at 150 GB/s every step: far slower than keeping it on more wafers.
        Workload eightUsers = millionTokens.withBatch(8);
        int fewest = Placements.minimumStages(kimi, cs3, eightUsers, 1, 1);
        Placement tight = Placements.build(kimi, cs3, eightUsers, fewest, 1, 1, 1).placement();
        assertNotNull(tight);
        assertTrue(tight.stages().stream().anyMatch(s -> s.kvSpillShare() > 0), "expected KV spilled off-wafer");
        Placement roomy = Placements.build(kimi, cs3, eightUsers, 2 * fewest, 1, 1, 1).placement();
        assertNotNull(roomy);
        assertTrue(roomy.stages().stream().allMatch(s -> s.kvSpillShare() == 0), "twice the wafers hold the KV");
        double spilled = Estimator.speeds(kimi, cs3, eightUsers, tight)[0];
        double onWafer = Estimator.speeds(kimi, cs3, eightUsers, roomy)[0];
        assertTrue(spilled < onWafer / 10, "spilled " + spilled + " vs on-wafer " + onWafer);
    }

    @Test
    void eightH200sServeGptOss120bInTheGpuBandAndThroughputRisesWithBatch() {
        ModelArchitecture m = model("gpt-oss-120b");
        Accelerator h200 = hardware("nvidia-h200");
        double batchOne = best("gpt-oss-120b", "nvidia-h200", Workload.of(m, 1, 8192, 1024), EIGHT_GPUS)
                .tokensPerUser();
        assertTrue(batchOne >= 100 && batchOne <= 700, "batch 1 on 8x H200: " + batchOne);
        double previous = 0;
        for (int batch = 1; batch <= 256; batch *= 2) {
            Placement tp8 = Placements.build(m, h200, Workload.of(m, batch, 8192, 1024), 1, 8, 1, 1).placement();
            assertNotNull(tp8, "batch " + batch + " fits 8x H200");
            double perChip = Estimator.speeds(m, h200, Workload.of(m, batch, 8192, 1024), tp8)[1];
            assertTrue(perChip > previous, "throughput per GPU must rise with batch: " + batch + " -> " + perChip);
            previous = perChip;
        }
    }

    @Test
    void addingPipelineStagesNeverLowersHopLatencyPerToken() {
        for (String[] pair : new String[][] {{"llama-3.1-70b", "cerebras-cs3"}, {"gpt-oss-120b", "nvidia-h200"},
                {"llama-3.1-8b", "groq-lpu-v1"}}) {
            ModelArchitecture m = model(pair[0]);
            Accelerator a = hardware(pair[1]);
            Workload w = Workload.of(m, 4, 4096, 512);
            int tp = pair[1].startsWith("groq") ? 8 : 1;
            double previous = 0;
            for (int stages = Math.max(1, Placements.minimumStages(m, a, w, tp, 1)); stages <= 12; stages++) {
                Placement p = Placements.build(m, a, w, stages, tp, 1, 1).placement();
                assertNotNull(p, pair[0] + " on " + pair[1] + " pp=" + stages);
                Estimate e = Estimator.estimate(m, a, w, p, null, List.of());
                double hops = e.placement().hops() == null ? 0 : e.placement().hops().latencySeconds();
                assertTrue(hops >= previous, pair[1] + " pp=" + stages + ": " + hops + " < " + previous);
                previous = hops;
            }
        }
    }

    @Test
    void doublingLinkBandwidthNeverSlowsAPlacement() {
        for (String hardware : List.of("cerebras-cs3", "nvidia-h200")) {
            Accelerator slow = hardware(hardware);
            Accelerator fast = withDoubledLinks(slow);
            for (String id : List.of("llama-3.1-70b", "gpt-oss-120b", "deepseek-v3")) {
                ModelArchitecture m = model(id);
                for (int batch : new int[] {1, 16, 128}) {
                    Workload w = Workload.of(m, batch, 8192, 1024);
                    for (PlacementSearch.Candidate c : PlacementSearch.search(m, slow, w,
                            PlacementSearch.Objective.INTERACTIVITY, PlacementSearch.Constraints.NONE,
                            Economics.DEFAULT).ranked()) {
                        Placement p = c.placement();
                        Placement same = Placements.build(m, fast, w, p.pipelineStages(), p.tensorParallel(),
                                p.expertParallel(), p.microBatches()).placement();
                        assertNotNull(same);
                        double[] faster = Estimator.speeds(m, fast, w, same);
                        assertTrue(faster[0] >= c.tokensPerUser() * (1 - 1e-12),
                                id + " " + p.label() + " batch " + batch + " slowed with doubled links on " + hardware);
                    }
                }
            }
        }
    }

    /** The same system with every interconnect's bandwidth doubled. */
    private static Accelerator withDoubledLinks(Accelerator a) {
        AcceleratorSpec s = a.spec();
        List<Interconnect> doubled = s.interconnects().stream().map(l -> new Interconnect(l.name(), l.scope(),
                new Figure(2 * l.bandwidth().value(), "test: doubled", null), l.latency(), l.domainSize())).toList();
        return Catalog.accelerator(new AcceleratorSpec(s.id(), s.name(), s.vendor(), s.family(), s.deviceKind(),
                s.status(), s.description(), s.silicon(), s.compute(), s.memory(), doubled, s.power(), s.cost(),
                s.system(), s.stack(), s.execution()));
    }
}
