package dev.tokenscale.host.engine;

import dev.tokenscale.api.AcceleratorSpec;
import dev.tokenscale.api.ModelArchitecture;

/**
 * What one device of a deployment holds and how it shares work: a contiguous range of layers (a pipeline stage),
 * the embedding and LM head if its stage has them, its share of each layer under the instance's {@link Shape}
 * (attention split {@code tensorParallel} ways within a data-parallel group, routed experts spread
 * {@code expertParallel} ways over the stage), and the tiers its weights and KV cache live in.
 *
 * @param firstLayer      first layer of the stage
 * @param endLayer        one past the last layer of the stage
 * @param embedding       whether the stage embeds the input tokens
 * @param head            whether the stage runs the final norm and LM head
 * @param shape           how the instance splits the model
 * @param expertImbalance tokens routed to the busiest device's experts over the mean (1 when perfectly balanced)
 * @param weightTier      memory tier that holds the weights
 * @param kvTier          memory tier that holds the KV cache that fits on the device
 * @param kvSpillTier     slower tier that holds the rest of the KV cache, or {@code null}
 * @param kvSpillShare    fraction of the KV cache in the spill tier (0 when nothing spills)
 * @param parallelLink    interconnect the stage's collectives cross; empty or {@code null} on one device
 */
public record Shard(int firstLayer, int endLayer, boolean embedding, boolean head, Shape shape,
                    double expertImbalance, String weightTier, String kvTier, String kvSpillTier, double kvSpillShare,
                    String parallelLink) {

    /** One device holds everything; nothing is split. */
    public static final Shape ALONE = new Shape(1, 1, 1, 1, 1);

    public Shard {
        if (firstLayer < 0 || endLayer <= firstLayer) {
            throw new IllegalArgumentException("invalid shard: layers " + firstLayer + ".." + endLayer);
        }
        if (!(expertImbalance >= 1)) {
            throw new IllegalArgumentException("expert load imbalance must be 1 or more: " + expertImbalance);
        }
        if (kvSpillShare < 0 || kvSpillShare > 1 || (kvSpillShare > 0 && kvSpillTier == null)) {
            throw new IllegalArgumentException("invalid KV spill share " + kvSpillShare);
        }
        if (shape.devicesPerStage() > 1 && (parallelLink == null || parallelLink.isEmpty())) {
            throw new IllegalArgumentException("a stage of several devices needs a link");
        }
    }

    /** The whole model on one device, everything in its first memory tier. */
    public static Shard whole(ModelArchitecture model, AcceleratorSpec spec) {
        String tier = spec.primaryMemory().name();
        return new Shard(0, model.layers(), true, true, ALONE, 1, tier, tier, null, 0, null);
    }

    /** Layers in the stage. */
    public int layers() {
        return endLayer - firstLayer;
    }

    /** Devices of the stage. */
    public int devices() {
        return shape.devicesPerStage();
    }

    /** Devices that split each routed expert: the stage's devices over the expert-parallel ways. */
    public int expertSplit() {
        return devices() / shape.expertParallel();
    }
}
