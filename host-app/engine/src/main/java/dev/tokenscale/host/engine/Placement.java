package dev.tokenscale.host.engine;

import java.util.List;

/**
 * How a model is spread over devices: {@code pipelineStages} stages of contiguous layers, each stage on
 * {@code tensorParallel} devices that split every layer (and split the experts {@code expertParallel} ways), with
 * {@code microBatches} micro-batches in flight so that the stages work at once. On devices that pipeline inside
 * (a wafer's layer regions), more micro-batches than stages can be in flight.
 *
 * @param pipelineStages stages of contiguous layers
 * @param tensorParallel devices per stage
 * @param expertParallel ways each stage splits its experts (divides {@code tensorParallel})
 * @param microBatches   micro-batches in flight (at least 1)
 * @param stages         what each stage's devices hold
 * @param hopLink        interconnect between stages, or {@code null} with one stage
 */
public record Placement(int pipelineStages, int tensorParallel, int expertParallel, int microBatches,
                        List<Shard> stages, String hopLink) {

    public Placement {
        stages = List.copyOf(stages);
        if (stages.size() != pipelineStages || microBatches < 1) {
            throw new IllegalArgumentException("placement: " + stages.size() + " stages for pp=" + pipelineStages
                    + ", micro-batches " + microBatches);
        }
        if (pipelineStages > 1 && hopLink == null) {
            throw new IllegalArgumentException("a pipeline needs a link between its stages");
        }
    }

    /** Every device the placement uses. */
    public int devices() {
        return pipelineStages * tensorParallel;
    }

    /** A short label, e.g. {@code "tp=8"} or {@code "pp=4"} or {@code "pp=2,tp=8,ep=8,mb=2"}. */
    public String label() {
        StringBuilder label = new StringBuilder();
        if (pipelineStages > 1) {
            label.append("pp=").append(pipelineStages).append(',');
        }
        if (tensorParallel > 1) {
            label.append("tp=").append(tensorParallel).append(',');
        }
        if (expertParallel > 1) {
            label.append("ep=").append(expertParallel).append(',');
        }
        if (microBatches > 1) {
            label.append("mb=").append(microBatches).append(',');
        }
        return label.length() == 0 ? "1 device" : label.substring(0, label.length() - 1);
    }
}
