package dev.tokenscale.host.embed;

import java.util.List;

/**
 * The feasible placements of one model on one hardware system, best first, as {@code tokenscale place --json} and
 * {@code POST /place} give them.
 *
 * @param model     model id
 * @param hardware  hardware id
 * @param objective what the ranking maximises: interactivity, throughput or cost
 * @param feasible  how many placements are feasible (the ranking keeps the best {@code top})
 * @param ranked    the best feasible placements, best first
 * @param rejected  one line per shape that was rejected, and why
 * @param problem   why no placement is feasible, or {@code null} when one is
 */
public record PlacementRanking(String model, String hardware, String objective, int feasible, List<Ranked> ranked,
                               List<String> rejected, String problem) {

    public PlacementRanking {
        ranked = List.copyOf(ranked);
        rejected = List.copyOf(rejected);
    }

    /**
     * One feasible placement and its speeds.
     *
     * @param placement               short form, e.g. {@code pp=2,tp=8}
     * @param devices                 devices it uses
     * @param pipelineStages          stages
     * @param tensorParallel          devices that split attention within a data-parallel group
     * @param dataParallel            data-parallel attention groups per stage
     * @param expertParallel          ways the routed experts are spread over a stage
     * @param microBatches            micro-batches in flight
     * @param tokensPerUserPerSecond  interactivity
     * @param tokensPerChipPerSecond  throughput per device
     * @param costPerMillionTokensUsd US dollars per million output tokens at the default economics
     */
    public record Ranked(String placement, int devices, int pipelineStages, int tensorParallel, int dataParallel,
                         int expertParallel, int microBatches, double tokensPerUserPerSecond, double tokensPerChipPerSecond,
                         double costPerMillionTokensUsd) {

        /** The placement in request form, to evaluate it with {@link EstimateRequest#withPlacement}. */
        public EstimateRequest.Layout layout() {
            return new EstimateRequest.Layout(tensorParallel, dataParallel, pipelineStages, expertParallel,
                    microBatches);
        }
    }
}
