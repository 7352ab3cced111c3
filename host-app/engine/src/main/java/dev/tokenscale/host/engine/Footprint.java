package dev.tokenscale.host.engine;

import dev.tokenscale.api.AttentionKind;
import dev.tokenscale.api.ModelArchitecture;
import dev.tokenscale.api.MoeSpec;

/**
 * Bytes one device of a stage must hold: its share of the weights at their precisions, and the KV cache of every
 * sequence in flight at the full context.
 *
 * @param weightBytes weights on the device
 * @param kvBytes     KV cache on the device (before any spill)
 */
public record Footprint(double weightBytes, double kvBytes) {

    /** The footprint of one device of {@code shard} with {@code sequences} sequences in flight. */
    public static Footprint of(ModelArchitecture m, Workload w, Shard shard, long sequences) {
        int tp = shard.tensorParallel();
        double weights = 0;
        int kvSplit = m.attention().kind() == AttentionKind.MLA ? 1 : Math.min(tp, m.attention().kvHeads());
        double kv = sequences * ModelMath.kvBytesPerSequence(m, shard.firstLayer(), shard.endLayer(),
                w.contextTokens(), w.kv()) / kvSplit;
        for (int i = shard.firstLayer(); i < shard.endLayer(); i++) {
            weights += ModelMath.attentionParameters(m) / (double) tp * w.weights().bytes();
            if (ModelMath.isMoeLayer(m, i)) {
                MoeSpec moe = m.ffn().moe();
                weights += (double) moe.experts() * ModelMath.expertParameters(m) / tp * w.experts().bytes();
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

    /** Bytes of all the model's weights at the workload's precisions (both tables when the head is untied). */
    public static double modelWeightBytes(ModelArchitecture m, Workload w) {
        // Tier names do not matter for a footprint.
        return of(m, w, new Shard(0, m.layers(), true, true, 1, 1, "", "", null, 0, null), 1).weightBytes();
    }

    /** Weights plus KV cache. */
    public double totalBytes() {
        return weightBytes + kvBytes;
    }
}
