package dev.tokenscale.host.engine;

import dev.tokenscale.api.AcceleratorSpec;
import dev.tokenscale.api.ModelArchitecture;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a model's layers into contiguous pipeline stages: the smallest maximum stage time for which a greedy cut
 * (close a stage when the next layer would pass the time or the memory) needs no more stages, found by bisection
 * over per-layer times and bytes kept as prefix sums, so that each try is one pass over the layers. KV cache that
 * does not fit a stage's first tier spills to the next tier when the device has one.
 */
final class LayerCuts {

    private LayerCuts() {
    }

    /**
     * The shards of exactly {@code shape.pipelineStages()} stages, or {@code null} when memory alone needs more.
     *
     * @param link       the link the stage's collectives cross
     * @param imbalance  expert load imbalance of the busiest device
     */
    static List<Shard> cut(ModelArchitecture m, Accelerator a, Workload w, Shape shape, String link,
                           double imbalance) {
        int stages = shape.pipelineStages();
        // One stage holds every layer: only memory decides, so the layers need no timing.
        Profile profile = new Profile(m, a, w, shape, link, imbalance, stages > 1, true);
        if (profile.stagesFor(Double.POSITIVE_INFINITY, stages, null) < 0) {
            return null;
        }
        if (stages == 1) {
            return List.of(profile.shard(0, m.layers()));
        }
        double low = profile.totalSeconds / stages;
        double high = profile.totalSeconds;
        double feasible = Double.POSITIVE_INFINITY;
        for (int iteration = 0; iteration < 40 && high - low > 1e-6 * high; iteration++) {
            double target = (low + high) / 2;
            if (profile.stagesFor(target, stages, null) > 0) {
                feasible = target;
                high = target;
            } else {
                low = target;
            }
        }
        List<int[]> ranges = padTo(profile.cut(feasible, stages), stages);
        if (ranges == null) {
            return null;
        }
        List<Shard> shards = new ArrayList<>();
        for (int[] range : ranges) {
            shards.add(profile.shard(range[0], range[1]));
        }
        return shards;
    }

    /**
     * The fewest stages of this shape whose memory holds the model, KV spilled to a slower tier allowed or not; -1
     * when one layer per stage does not fit.
     */
    static int fewestStages(ModelArchitecture m, Accelerator a, Workload w, Shape shape, String link,
                            boolean spillAllowed) {
        List<int[]> ranges = new Profile(m, a, w, shape, link, 1, false, spillAllowed)
                .cut(Double.POSITIVE_INFINITY, Integer.MAX_VALUE);
        return ranges == null ? -1 : ranges.size();
    }

    /** Splits the widest stages until there are exactly {@code stages} (a greedy cut may need fewer). */
    private static List<int[]> padTo(List<int[]> ranges, int stages) {
        List<int[]> result = new ArrayList<>(ranges);
        while (result.size() < stages) {
            int widest = 0;
            for (int s = 1; s < result.size(); s++) {
                if (width(result.get(s)) > width(result.get(widest))) {
                    widest = s;
                }
            }
            int[] split = result.get(widest);
            if (width(split) < 2) {
                return null;
            }
            int middle = split[0] + width(split) / 2;
            result.set(widest, new int[] {split[0], middle});
            result.add(widest + 1, new int[] {middle, split[1]});
        }
        return result;
    }

    private static int width(int[] range) {
        return range[1] - range[0];
    }

    private static boolean sameKind(ModelArchitecture m, int i, int j) {
        return ModelMath.isSlidingLayer(m, i) == ModelMath.isSlidingLayer(m, j)
                && ModelMath.isMoeLayer(m, i) == ModelMath.isMoeLayer(m, j);
    }

    /** Per-layer time and bytes of one device, so that cuts are checked in O(layers). */
    static final class Profile {
        private final ModelArchitecture m;
        private final AcceleratorSpec spec;
        private final Shape shape;
        private final String link;
        private final double imbalance;
        private final double[] seconds;
        private final double[] weightPrefix;
        private final double[] kvPrefix;
        private final double embeddingBytes;
        private final double headBytes;
        private final double primary;
        private final double spill;
        /** For each first layer of a stage, the largest end whose layers still fit: {@code fits} in one lookup. */
        private final int[] fitsUpTo;
        private double totalSeconds;

        Profile(ModelArchitecture m, Accelerator a, Workload w, Shape shape, String link, double imbalance,
                boolean timed, boolean spillAllowed) {
            this.m = m;
            this.spec = a.spec();
            this.shape = shape;
            this.link = link;
            this.imbalance = imbalance;
            int layers = m.layers();
            seconds = new double[layers];
            weightPrefix = new double[layers + 1];
            kvPrefix = new double[layers + 1];
            int micro = (int) Math.ceil((double) w.batch() / shape.microBatches());
            Footprint[] footprints = new Footprint[layers];
            for (int i = 0; i < layers; i++) {
                // Layers of one kind hold as much and take as long: work out the first of each kind (gpt-oss
                // alternates two).
                int earlier = i - 1;
                while (earlier >= 0 && !sameKind(m, i, earlier)) {
                    earlier--;
                }
                Shard one = earlier >= 0 ? null : plain(i, i + 1, false, false);
                footprints[i] = earlier >= 0 ? footprints[earlier] : Footprint.of(m, w, one, w.batch());
                weightPrefix[i + 1] = weightPrefix[i] + footprints[i].weightBytes();
                kvPrefix[i + 1] = kvPrefix[i] + footprints[i].kvBytes();
                if (timed) {
                    seconds[i] = earlier >= 0 ? seconds[earlier]
                            : StepTime.seconds(m, a, w, one, Pass.decode(micro, w.contextTokens()));
                    totalSeconds += seconds[i];
                }
            }
            double table = ModelMath.embeddingParameters(m) * w.weights().bytes() / shape.tensorParallel();
            embeddingBytes = table;
            headBytes = m.tiedEmbeddings() ? 0 : table;
            primary = MemoryBudget.usable(spec, spec.primaryMemory());
            spill = spillAllowed ? MemoryBudget.spillTier(spec).map(t -> MemoryBudget.usable(spec, t)).orElse(0.0) : 0;
            // A stage's bytes only grow as it takes more layers and only shrink as it starts later, so the largest
            // end that fits never falls as the first layer rises: one pass finds them all.
            fitsUpTo = new int[layers];
            int end = 0;
            for (int first = 0; first < layers; first++) {
                end = Math.max(end, first);
                while (end < layers && fits(first, end + 1)) {
                    end++;
                }
                fitsUpTo[first] = end;
            }
        }

        private Shard plain(int first, int end, boolean embedding, boolean head) {
            String tier = spec.primaryMemory().name();
            return new Shard(first, end, embedding, head, shape, imbalance, tier, tier, null, 0, link);
        }

        private double weights(int first, int end) {
            return weightPrefix[end] - weightPrefix[first] + (first == 0 ? embeddingBytes : 0)
                    + (end == m.layers() ? headBytes : 0);
        }

        private double kv(int first, int end) {
            return kvPrefix[end] - kvPrefix[first];
        }

        /** Whether layers {@code [first, end)} fit one device's memory (with the embedding table and head). */
        boolean fits(int first, int end) {
            double weights = weights(first, end);
            return weights <= primary && weights + kv(first, end) <= primary + spill;
        }

        /** Greedy contiguous cut under a stage-time target and memory; null when it needs over maxStages. */
        List<int[]> cut(double target, int maxStages) {
            List<int[]> ranges = new ArrayList<>();
            return stagesFor(target, maxStages, ranges) > 0 ? ranges : null;
        }

        /**
         * The stages of the greedy cut under a stage-time target and memory (each closed when the next layer would
         * pass the time or the memory), added to {@code ranges} unless it is {@code null}; -1 when it needs over
         * {@code maxStages} or a layer does not fit.
         */
        int stagesFor(double target, int maxStages, List<int[]> ranges) {
            int stages = 0;
            int first = 0;
            double time = 0;
            for (int i = 0; i < m.layers(); i++) {
                if (i > first && (time + seconds[i] > target || i + 1 > fitsUpTo[first])) {
                    if (i > fitsUpTo[first] || ++stages >= maxStages) {
                        return -1;
                    }
                    if (ranges != null) {
                        ranges.add(new int[] {first, i});
                    }
                    first = i;
                    time = 0;
                }
                time += seconds[i];
            }
            if (m.layers() > fitsUpTo[first]) {
                return -1;
            }
            if (ranges != null) {
                ranges.add(new int[] {first, m.layers()});
            }
            return stages + 1;
        }

        /** The time of one layer. */
        double seconds(int layer) {
            return seconds[layer];
        }

        /** The shard of a stage, with the KV that does not fit its first tier spilled to the next. */
        Shard shard(int first, int end) {
            Shard plain = plain(first, end, first == 0, end == m.layers());
            double kv = kv(first, end);
            double overflow = weights(first, end) + kv - primary;
            if (overflow <= 0 || kv <= 0) {
                return plain;
            }
            return new Shard(first, end, plain.embedding(), plain.head(), shape, imbalance, plain.weightTier(),
                    plain.kvTier(), MemoryBudget.spillTier(spec).orElseThrow().name(), Math.min(1, overflow / kv),
                    link);
        }
    }
}
