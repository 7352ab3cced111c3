package dev.tokenscale.host.engine;

import dev.tokenscale.api.ModelArchitecture;
import java.util.List;

/**
 * Builds a concrete placement for a shape: checks the shape ({@link PlacementRules}), picks the links
 * ({@link Topology}), cuts the layers into stages balanced by time under each device's memory ({@link LayerCuts},
 * {@link MemoryBudget}).
 */
public final class Placements {

    /**
     * Execution parameter: tokens routed to the busiest device's experts over the mean. Without balancing, measured
     * routing skews put the busiest expert-parallel rank at 1.2-1.8x the mean; balancers that replicate hot experts
     * (EPLB) bring it toward 1.
     */
    public static final String EXPERT_IMBALANCE = "expertLoadImbalance";
    /** A production stack with an expert balancer: the busiest rank at 1.2x the mean (an estimate, see docs). */
    public static final double DEFAULT_EXPERT_IMBALANCE = 1.2;

    private Placements() {
    }

    /**
     * A placement, or why the shape cannot work.
     *
     * @param placement   the placement, or {@code null}
     * @param problem     why not, or {@code null}
     * @param breaksRules whether the shape can never serve this model on this system (a split the model or the
     *                    system does not allow), as opposed to not fitting its memory at this workload
     */
    public record Built(Placement placement, String problem, boolean breaksRules) {
        static Built tooLarge(String problem) {
            return new Built(null, problem, false);
        }

        static Built disallowed(String problem) {
            return new Built(null, problem, true);
        }
    }

    /** Builds the placement of this shape, or says why it is impossible. */
    public static Built build(ModelArchitecture m, Accelerator a, Workload w, Shape shape) {
        String problem = PlacementRules.problem(m, a, w, shape);
        if (problem != null) {
            return Built.disallowed(problem);
        }
        String link = Topology.parallelLink(a.spec(), shape.devicesPerStage()).orElseThrow();
        String hopLink = shape.pipelineStages() == 1 ? null
                : Topology.linkFor(a.spec(), shape.devices()).orElseThrow().name();
        List<Shard> shards = LayerCuts.cut(m, a, w, shape, link, a.spec().parameter(EXPERT_IMBALANCE,
                DEFAULT_EXPERT_IMBALANCE));
        if (shards == null) {
            return Built.tooLarge(MemoryBudget.problem(m, a, w, shape));
        }
        return new Built(new Placement(shape, m.isMoe(), shards, hopLink), null, false);
    }

    /**
     * The fewest stages of this shape's stage whose memory holds the model at this workload, or -1 when the stage
     * cannot work at all or even one layer per stage does not fit.
     */
    public static int minimumStages(ModelArchitecture m, Accelerator a, Workload w, Shape shape) {
        return minimumStages(m, a, w, shape, true);
    }

    /**
     * The fewest stages of this shape's stage whose first tier holds the model and all its KV cache, none of it
     * spilled to a slower tier; -1 when the stage cannot work or even one layer per stage does not fit.
     */
    public static int minimumStagesWithoutSpill(ModelArchitecture m, Accelerator a, Workload w, Shape shape) {
        return minimumStages(m, a, w, shape, false);
    }

    private static int minimumStages(ModelArchitecture m, Accelerator a, Workload w, Shape shape,
                                     boolean spillAllowed) {
        Shape one = shape.withStages(1, 1);
        if (PlacementRules.problem(m, a, w, one) != null) {
            return -1;
        }
        return LayerCuts.fewestStages(m, a, w, one, Topology.parallelLink(a.spec(), one.devicesPerStage())
                .orElseThrow(), spillAllowed);
    }
}
