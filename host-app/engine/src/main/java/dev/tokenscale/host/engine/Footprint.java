package dev.tokenscale.host.engine;

import dev.tokenscale.api.AttentionKind;
import dev.tokenscale.api.ModelArchitecture;
import dev.tokenscale.api.MoeSpec;

/**
 * Bytes one device of a stage must hold: its share of the weights at their precisions, and the KV cache of the
 * sequences its data-parallel group serves at the workload's context.
 *
 * <p>Everything outside the routed experts is split {@code tensorParallel} ways and repeated in every data-parallel
 * group; a device holds {@code ceil(experts / expertParallel)} routed experts, each split over the stage's devices
 * that share it. A group serves {@code ceil(sequences / dataParallel)} sequences; their KV cache is split across the
 * group's devices by KV head, as far as the heads go (a head is never split, so with fewer KV heads than devices
 * heads are repeated), while an MLA latent, one vector per token for every head, is repeated on each device of the
 * group (SGLang and TensorRT-LLM keep it whole on every tensor-parallel rank).
 *
 * @param weightBytes weights on the device
 * @param kvBytes     KV cache on the device (before any spill)
 */
public record Footprint(double weightBytes, double kvBytes) {

    /** The footprint of one device of {@code shard} with {@code sequences} sequences in flight on the stage. */
    public static Footprint of(ModelArchitecture m, Workload w, Shard shard, long sequences) {
        int tp = shard.shape().tensorParallel();
        double perGroup = Math.ceil((double) sequences / shard.shape().dataParallel());
        double kv = perGroup * ModelMath.kvBytesPerSequence(m, shard.firstLayer(), shard.endLayer(),
                w.contextTokens(), w.kv()) / kvSplit(m, tp);
        double weights = 0;
        for (int i = shard.firstLayer(); i < shard.endLayer(); i++) {
            weights += ModelMath.attentionParameters(m) / (double) tp * w.weights().bytes();
            if (ModelMath.isMoeLayer(m, i)) {
                MoeSpec moe = m.ffn().moe();
                double held = Math.ceil((double) moe.experts() / shard.shape().expertParallel());
                weights += held * ModelMath.expertParameters(m) / shard.expertSplit() * w.experts().bytes();
                weights += ((double) moe.sharedExperts() * ModelMath.expertParameters(m) / tp
                        + ModelMath.routerParameters(m)) * w.weights().bytes();
            } else {
                weights += ModelMath.denseFfnParameters(m) / (double) tp * w.weights().bytes();
            }
        }
        double table = ModelMath.embeddingParameters(m) * w.weights().bytes();
        if (shard.embedding()) {
            weights += table / tp;
        }
        if (shard.head() && !(m.tiedEmbeddings() && shard.embedding())) {
            weights += table / tp;
        }
        return new Footprint(weights, kv);
    }

    /**
     * Ways one sequence's KV cache is split across a data-parallel group of {@code tp} devices: by KV head up to
     * their number, not at all for an MLA latent.
     */
    static int kvSplit(ModelArchitecture m, int tp) {
        return m.attention().kind() == AttentionKind.MLA ? 1 : Math.min(tp, m.attention().kvHeads());
    }

    /** Bytes of all the model's weights at the workload's precisions (both tables when the head is untied). */
    public static double modelWeightBytes(ModelArchitecture m, Workload w) {
        // Tier names do not matter for a footprint.
        return of(m, w, new Shard(0, m.layers(), true, true, Shard.ALONE, 1, "", "", null, 0, null), 1)
                .weightBytes();
    }

    /** Weights plus KV cache. */
    public double totalBytes() {
        return weightBytes + kvBytes;
    }
}
