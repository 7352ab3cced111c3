package dev.tokenscale.host.engine;

import dev.tokenscale.api.AcceleratorSpec;
import dev.tokenscale.api.ModelArchitecture;

/**
 * What one device of a deployment holds and how it shares work: a contiguous range of layers (a pipeline stage),
 * the embedding and LM head if its stage has them, its share of each layer under tensor and expert parallelism,
 * and the tiers its weights and KV cache live in.
 *
 * @param firstLayer     first layer of the stage
 * @param endLayer       one past the last layer of the stage
 * @param embedding      whether the stage embeds the input tokens
 * @param head           whether the stage runs the final norm and LM head
 * @param tensorParallel devices of the stage, which split each layer's heads and FFN width
 * @param expertParallel how many ways those devices split each MoE layer's experts (a divisor of
 *                       {@code tensorParallel}; each expert is split the remaining {@code tensorParallel /
 *                       expertParallel} ways)
 * @param weightTier     memory tier that holds the weights
 * @param kvTier         memory tier that holds the KV cache that fits on the device
 * @param kvSpillTier    slower tier that holds the rest of the KV cache, or {@code null}
 * @param kvSpillShare   fraction of the KV cache in the spill tier (0 when nothing spills)
 * @param parallelLink   interconnect the all-reduces and all-to-alls cross; empty or {@code null} on one device
 */
public record Shard(int firstLayer, int endLayer, boolean embedding, boolean head, int tensorParallel,
                    int expertParallel, String weightTier, String kvTier, String kvSpillTier, double kvSpillShare,
                    String parallelLink) {

    public Shard {
        if (firstLayer < 0 || endLayer <= firstLayer || tensorParallel < 1 || expertParallel < 1) {
            throw new IllegalArgumentException("invalid shard: layers " + firstLayer + ".." + endLayer + ", tp "
                    + tensorParallel + ", ep " + expertParallel);
        }
        if (tensorParallel % expertParallel != 0) {
            throw new IllegalArgumentException("expert parallelism " + expertParallel
                    + " must divide the stage's " + tensorParallel + " devices");
        }
        if (kvSpillShare < 0 || kvSpillShare > 1 || (kvSpillShare > 0 && kvSpillTier == null)) {
            throw new IllegalArgumentException("invalid KV spill share " + kvSpillShare);
        }
        if ((tensorParallel > 1 || expertParallel > 1) && (parallelLink == null || parallelLink.isEmpty())) {
            throw new IllegalArgumentException("tensor or expert parallelism needs a link");
        }
    }

    /** The whole model on one device, everything in its first memory tier. */
    public static Shard whole(ModelArchitecture model, AcceleratorSpec spec) {
        String tier = spec.primaryMemory().name();
        return new Shard(0, model.layers(), true, true, 1, 1, tier, tier, null, 0, null);
    }

    /** Layers in the stage. */
    public int layers() {
        return endLayer - firstLayer;
    }
}
