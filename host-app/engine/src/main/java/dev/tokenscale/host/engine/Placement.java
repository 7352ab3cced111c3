package dev.tokenscale.host.engine;

import java.util.List;

/**
 * One serving instance as built: its shape, what each stage's devices hold, and the link between stages. On
 * devices that pipeline inside (a wafer's layer regions), more micro-batches than stages can be in flight.
 *
 * @param shape   how the model is split
 * @param moe     whether the model's FFN is a mixture of experts (data parallelism then means DP attention)
 * @param stages  what each stage's devices hold
 * @param hopLink interconnect between stages, or {@code null} with one stage
 */
public record Placement(Shape shape, boolean moe, List<Shard> stages, String hopLink) {

    public Placement {
        stages = List.copyOf(stages);
        if (stages.size() != shape.pipelineStages()) {
            throw new IllegalArgumentException("placement: " + stages.size() + " stages for " + shape.label(moe));
        }
        if (shape.pipelineStages() > 1 && hopLink == null) {
            throw new IllegalArgumentException("a pipeline needs a link between its stages");
        }
    }

    /** Every device the placement uses. */
    public int devices() {
        return shape.devices();
    }

    /** Stages of contiguous layers. */
    public int pipelineStages() {
        return shape.pipelineStages();
    }

    /** Attention tensor parallelism within a data-parallel group. */
    public int tensorParallel() {
        return shape.tensorParallel();
    }

    /** Data-parallel attention groups per stage (replicas for a dense model). */
    public int dataParallel() {
        return shape.dataParallel();
    }

    /** Ways the routed experts are spread. */
    public int expertParallel() {
        return shape.expertParallel();
    }

    /** Micro-batches in flight. */
    public int microBatches() {
        return shape.microBatches();
    }

    /** The placement notation, e.g. {@code dp=8,ep=8 (DP attention)}. */
    public String label() {
        return shape.label(moe);
    }
}
