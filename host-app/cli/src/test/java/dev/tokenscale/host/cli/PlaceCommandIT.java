package dev.tokenscale.host.cli;

import static dev.tokenscale.host.testing.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenscale.host.testing.CliRun;
import org.junit.jupiter.api.Test;

/** {@code place} and {@code estimate --placement} through the CLI, including the requests that cannot work. */
class PlaceCommandIT {

    @Test
    void placeRanksFeasiblePlacementsBestFirst() throws Exception {
        CliRun run = run("place", "--model", "llama-3.1-70b", "--hardware", "nvidia-h200", "--json");
        assertEquals(0, run.exit(), run.err());
        JsonNode ranked = new ObjectMapper().readTree(run.out()).get("ranked");
        assertTrue(ranked.size() > 1);
        for (int i = 1; i < ranked.size(); i++) {
            assertTrue(ranked.get(i - 1).get("tokensPerUserPerSecond").asDouble()
                    >= ranked.get(i).get("tokensPerUserPerSecond").asDouble(), "ranked by interactivity");
        }
    }

    @Test
    void fixedPlacementAppearsInTheEstimate() throws Exception {
        CliRun run = run("estimate", "--model", "llama-3.1-70b", "--hardware", "cerebras-cs3", "--placement",
                "pp=5", "--json");
        assertEquals(0, run.exit(), run.err());
        JsonNode placement = new ObjectMapper().readTree(run.out()).get("placement");
        assertEquals(5, placement.get("pipelineStages").asInt());
        assertEquals(5, placement.get("devices").asInt());
        assertEquals(4, placement.get("hops").get("count").asInt());
        assertEquals(5, placement.get("stages").size());
    }

    /**
     * Seven decode instances of dp=8,ep=8 beside two prefill instances: 72 GPUs in all, throughput per chip over
     * both pools, at most what the decode instances could commit (7 x 512 sequences at the per-user speed).
     */
    @Test
    void disaggregatedPoolsCountTheDevicesOfBoth() throws Exception {
        CliRun run = run("estimate", "--model", "deepseek-v3", "--hardware", "nvidia-h200", "--placement",
                "dp=8,ep=8,pools=2:7", "--batch", "512", "--prompt", "922", "--context", "1383", "--json");
        assertEquals(0, run.exit(), run.err());
        JsonNode estimate = new ObjectMapper().readTree(run.out());
        assertEquals(72, estimate.get("devices").asInt());
        assertEquals("disaggregated 2P+7D", estimate.get("deployment").asText());
        assertEquals(8, estimate.get("placement").get("devices").asInt());
        assertEquals("dp=8,ep=8 (DP attention)", estimate.get("placement").get("label").asText());
        assertTrue(estimate.get("tokensPerChipPerSecond").asDouble()
                <= estimate.get("tokensPerUserPerSecond").asDouble() * 7 * 512 / 72 * (1 + 1e-9), run.out());
    }

    @Test
    void poolsWithoutAPrefillInstanceAreAMistake() {
        CliRun run = run("estimate", "--model", "deepseek-v3", "--hardware", "nvidia-h200", "--placement",
                "dp=8,ep=8,pools=0:7");
        assertEquals(1, run.exit());
        assertEquals("error: --placement pools=0:7: expected at least one prefill and one decode instance, e.g. "
                + "pools=2:7", run.err().strip());
    }

    @Test
    void aModelTooLargeForTheAllowedDevicesIsExplained() {
        CliRun run = run("place", "--model", "llama-3.1-405b", "--hardware", "nvidia-h100", "--max-devices", "4");
        assertEquals(1, run.exit());
        assertTrue(run.out().contains("needs at least") && run.out().contains("the limit is 4"), run.out());
        assertFalse(run.err().contains("Exception"), run.err());
    }

    @Test
    void aPlacementLargerThanTheScaleUpDomainIsAMistake() {
        run("estimate", "--model", "llama-3.1-70b", "--hardware", "nvidia-h100", "--placement", "tp=16", "--json")
                .assertOneLineError(1, "--placement: tp=16: a stage of dp x tp = 16 devices needs a scale-up",
                        "nvidia-h100's largest joins 8");
    }

    @Test
    void placementsTheModelRulesOutAreMistakesNamingWhatIsAllowed() {
        run("estimate", "--model", "deepseek-v3", "--hardware", "nvidia-b200", "--placement", "ep=512")
                .assertOneLineError(1, "--placement: ep=512 is larger than deepseek-v3's 256 experts",
                        "ep may be at most 256");
        run("estimate", "--model", "deepseek-v3", "--hardware", "nvidia-b200", "--placement", "dp=3")
                .assertOneLineError(1, "--placement: dp=3,ep=1: under DP attention", "so ep must be 3");
    }

    @Test
    void aPlacementThatIsAllowedButTooSmallStillAnswersDoesNotFit() throws Exception {
        CliRun run = run("estimate", "--model", "llama-3.1-405b", "--hardware", "nvidia-h100", "--placement", "tp=2",
                "--json");
        assertEquals(0, run.exit(), run.err());
        JsonNode estimate = new ObjectMapper().readTree(run.out());
        assertFalse(estimate.get("fits").asBoolean());
        assertTrue(estimate.get("fitProblem").asText().contains("GB"), estimate.toString());
    }

    @Test
    void malformedPlacementIsAUsageMistake() {
        CliRun run = run("estimate", "--model", "llama-3.1-8b", "--hardware", "nvidia-h100", "--placement", "tp=eight");
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("--placement tp=eight: expected a whole number from 1"), run.err());
    }
}
