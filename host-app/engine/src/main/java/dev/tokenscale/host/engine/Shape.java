package dev.tokenscale.host.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * How one serving instance splits a model, before its layers are cut: {@code pipelineStages} stages of contiguous
 * layers, each on {@code dataParallel x tensorParallel} devices. Attention (and everything outside the routed
 * experts) runs on {@code dataParallel} groups of {@code tensorParallel} devices, each group serving its own
 * sequences (data-parallel attention); the routed experts are spread over the stage's devices {@code
 * expertParallel} ways; {@code microBatches} micro-batches are in flight so that the stages work at once.
 *
 * @param pipelineStages stages of contiguous layers
 * @param tensorParallel devices that split each attention head group and dense matrix (attention tensor parallel)
 * @param dataParallel   groups of {@code tensorParallel} devices that each serve their own sequences
 * @param expertParallel ways the routed experts are spread over the stage's devices
 * @param microBatches   micro-batches in flight (at least 1; more than the stages on devices that pipeline inside)
 */
public record Shape(int pipelineStages, int tensorParallel, int dataParallel, int expertParallel, int microBatches) {

    public Shape {
        if (pipelineStages < 1 || tensorParallel < 1 || dataParallel < 1 || expertParallel < 1 || microBatches < 1) {
            throw new IllegalArgumentException("every part of a placement is 1 or more: pp=" + pipelineStages
                    + ",dp=" + dataParallel + ",tp=" + tensorParallel + ",ep=" + expertParallel + ",mb="
                    + microBatches);
        }
    }

    /** One stage of {@code tensorParallel} devices that split everything, the experts too when {@code ep} says so. */
    public static Shape tensor(int stages, int tensorParallel, int expertParallel, int microBatches) {
        return new Shape(stages, tensorParallel, 1, expertParallel, microBatches);
    }

    /** Devices of one stage: {@code dataParallel x tensorParallel}. */
    public int devicesPerStage() {
        return dataParallel * tensorParallel;
    }

    /** Every device of the instance. */
    public int devices() {
        return pipelineStages * devicesPerStage();
    }

    /** The same shape with another number of stages and micro-batches. */
    public Shape withStages(int stages, int micro) {
        return new Shape(stages, tensorParallel, dataParallel, expertParallel, micro);
    }

    /**
     * The placement notation, e.g. {@code tp=8}, {@code dp=8,ep=8 (DP attention)}, {@code pp=2,tp=8,mb=2}; data
     * parallelism over a dense model's attention is plain replicas.
     */
    public String label(boolean moe) {
        String text = notation();
        if (dataParallel > 1) {
            text += moe ? " (DP attention)" : " (replicas)";
        }
        return text;
    }

    /** The parts that are not 1, as {@code --placement} takes them, e.g. {@code pp=2,tp=8}; "1 device" if none. */
    public String notation() {
        List<String> parts = new ArrayList<>();
        String[] names = {"pp", "dp", "tp", "ep", "mb"};
        int[] values = {pipelineStages, dataParallel, tensorParallel, expertParallel, microBatches};
        for (int i = 0; i < names.length; i++) {
            if (values[i] != 1) {
                parts.add(names[i] + "=" + values[i]);
            }
        }
        return parts.isEmpty() ? "1 device" : String.join(",", parts);
    }
}
