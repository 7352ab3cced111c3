package dev.tokenscale.host.engine;

import dev.tokenscale.api.AcceleratorSpec;
import dev.tokenscale.api.AttentionKind;
import dev.tokenscale.api.AttentionSpec;
import dev.tokenscale.api.Interconnect;
import dev.tokenscale.api.LinkScope;
import dev.tokenscale.api.MemoryTier;
import dev.tokenscale.api.ModelArchitecture;
import dev.tokenscale.host.units.Units;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds a concrete placement for a shape (stages x devices per stage, expert split, micro-batches): picks the
 * links, cuts the layers into contiguous stages balanced by time under each device's memory, and spills KV cache
 * that does not fit to the device's next tier when it has one.
 */
public final class Placements {

    /** Execution parameter: fraction of a tier's capacity a deployment can fill (runtime, code and buffers). */
    public static final String USABLE_MEMORY = "usableMemoryFraction";
    /** vLLM-style serving leaves about 10% of HBM to the runtime and activations (its default utilisation 0.9). */
    public static final double DEFAULT_USABLE_MEMORY = 0.9;

    private Placements() {
    }

    /**
     * A placement, or why the shape cannot work.
     *
     * @param placement the placement, or {@code null}
     * @param problem   why not, or {@code null}
     */
    public record Built(Placement placement, String problem) {
        static Built no(String problem) {
            return new Built(null, problem);
        }
    }

    /** Usable bytes of a tier on this hardware. */
    public static double usable(AcceleratorSpec spec, MemoryTier tier) {
        return tier.capacity().value() * spec.parameter(USABLE_MEMORY, DEFAULT_USABLE_MEMORY);
    }

    /** The link that joins {@code devices} devices at the highest bandwidth, if any does. */
    public static Optional<Interconnect> linkFor(AcceleratorSpec spec, int devices) {
        return spec.interconnects().stream()
                .filter(l -> l.domainSize().value() >= devices)
                .max((x, y) -> Double.compare(x.bandwidth().value(), y.bandwidth().value()));
    }

    /**
     * The link that tensor and expert parallelism over {@code tp} devices use: a scale-up or chip-to-chip domain
     * that large. Empty when none is; a single device needs no link ("").
     */
    private static Optional<String> parallelLink(AcceleratorSpec spec, int tp) {
        if (tp == 1) {
            return Optional.of("");
        }
        return spec.interconnects().stream()
                .filter(l -> l.scope() != LinkScope.SCALE_OUT && l.domainSize().value() >= tp)
                .map(Interconnect::name).findFirst();
    }

    /**
     * Why tensor parallelism cannot split this model's grouped-query attention {@code tp} ways, if it cannot: each
     * device takes whole query heads and whole KV heads (or, with more devices than KV heads, a replica of one).
     * MLA's latent cache is replicated on every device, so only GQA constrains the split.
     */
    private static Optional<String> headSplit(ModelArchitecture m, int tp) {
        AttentionSpec attention = m.attention();
        if (attention.kind() != AttentionKind.GQA) {
            return Optional.empty();
        }
        if (attention.heads() % tp != 0) {
            return Optional.of("tp=" + tp + " must divide the " + attention.heads() + " attention heads");
        }
        int kv = attention.kvHeads();
        if (kv % tp != 0 && tp % kv != 0) {
            return Optional.of("tp=" + tp + " must divide the " + kv + " KV heads, or be a multiple of them");
        }
        return Optional.empty();
    }

    /** Builds the placement of this shape, or says why it is impossible. */
    public static Built build(ModelArchitecture m, Accelerator a, Workload w, int stages, int tp, int ep,
                              int microBatches) {
        AcceleratorSpec spec = a.spec();
        if (stages < 1 || stages > m.layers()) {
            return Built.no("pp=" + stages + " is outside 1.." + m.layers() + " (one layer per stage at most)");
        }
        if (tp < 1 || ep < 1 || tp % ep != 0) {
            return Built.no("ep=" + ep + " must divide tp=" + tp);
        }
        Optional<String> heads = headSplit(m, tp);
        if (heads.isPresent()) {
            return Built.no(heads.get());
        }
        if (ep > 1 && (!m.isMoe() || m.ffn().moe().experts() % ep != 0)) {
            return Built.no("ep=" + ep + " needs an MoE model whose expert count it divides");
        }
        Optional<String> parallelLink = parallelLink(spec, tp);
        if (parallelLink.isEmpty()) {
            return Built.no("tp=" + tp + " needs a scale-up or chip-to-chip domain of " + tp + " devices; "
                    + spec.id() + " has none that large");
        }
        String hopLink = null;
        if (stages > 1) {
            Optional<Interconnect> link = linkFor(spec, stages * tp);
            if (link.isEmpty()) {
                return Built.no(stages * tp + " devices exceed every interconnect domain of " + spec.id());
            }
            hopLink = link.get().name();
        }
        if (microBatches < 1 || microBatches > w.batch()) {
            return Built.no("micro-batches must be between 1 and the batch (" + w.batch() + ")");
        }
        List<Shard> shards = cut(m, a, w, stages, tp, ep, parallelLink.get(), microBatches);
        if (shards == null) {
            return Built.no(memoryProblem(m, a, w, stages, tp, ep));
        }
        return new Built(new Placement(stages, tp, ep, microBatches, shards, hopLink), null);
    }

    /**
     * The fewest stages of {@code tp} devices whose memory holds the model at this workload, or -1 when even one
     * layer per stage does not fit.
     */
    public static int minimumStages(ModelArchitecture m, Accelerator a, Workload w, int tp, int ep) {
        return minimumStages(m, a, w, tp, ep, true);
    }

    /**
     * The fewest stages of {@code tp} devices whose first tier holds the model and all its KV cache, none of it
     * spilled to a slower tier; -1 when even one layer per stage does not fit.
     */
    public static int minimumStagesWithoutSpill(ModelArchitecture m, Accelerator a, Workload w, int tp, int ep) {
        return minimumStages(m, a, w, tp, ep, false);
    }

    private static int minimumStages(ModelArchitecture m, Accelerator a, Workload w, int tp, int ep,
                                     boolean spill) {
        Optional<String> link = parallelLink(a.spec(), tp);
        if (link.isEmpty()) {
            return -1;
        }
        Profile profile = new Profile(m, a, w, tp, ep, link.get(), 1, false, spill);
        List<int[]> ranges = profile.cut(Double.POSITIVE_INFINITY, Integer.MAX_VALUE);
        return ranges == null ? -1 : ranges.size();
    }

    private static String memoryProblem(ModelArchitecture m, Accelerator a, Workload w, int stages, int tp, int ep) {
        AcceleratorSpec spec = a.spec();
        String tier = spec.primaryMemory().name();
        Footprint all = Footprint.of(m, w, new Shard(0, m.layers(), true, true, tp, ep, tier, tier, null, 0,
                tp > 1 ? "link" : null), w.batch());
        Footprint firstStage = Footprint.of(m, w, new Shard(0, 1, true, false, tp, ep, tier, tier, null, 0,
                tp > 1 ? "link" : null), w.batch());
        return String.format("needs %s of weights and %s of KV cache in all, and the first stage at least %s "
                        + "(embedding table and one layer); %d x %d %s hold %s usable each (%s %s x %.2f)%s",
                Units.gigabytes(all.weightBytes() * tp),
                Units.gigabytes(all.kvBytes() * tp), Units.gigabytes(firstStage.totalBytes()), stages, tp,
                spec.deviceKind(),
                Units.gigabytes(usable(spec, spec.primaryMemory())), tier,
                Units.gigabytes(spec.primaryMemory().capacity().value()),
                spec.parameter(USABLE_MEMORY, DEFAULT_USABLE_MEMORY),
                spillTier(spec).map(t -> " plus " + Units.gigabytes(usable(spec, t)) + " of " + t.name()
                        + " for spilled KV").orElse(""));
    }

    /**
     * Cuts the layers into exactly {@code stages} stages: the smallest maximum stage time for which a greedy cut
     * (close a stage when the next layer would pass the time or the memory) needs no more stages. Returns null
     * when memory alone needs more stages.
     */
    private static List<Shard> cut(ModelArchitecture m, Accelerator a, Workload w, int stages, int tp, int ep,
                                   String parallelLink, int microBatches) {
        Profile profile = new Profile(m, a, w, tp, ep, parallelLink, microBatches, true, true);
        List<int[]> loosest = profile.cut(Double.POSITIVE_INFINITY, stages);
        if (loosest == null) {
            return null;
        }
        double low = profile.totalSeconds / stages;
        double high = profile.totalSeconds;
        List<int[]> best = loosest;
        for (int iteration = 0; iteration < 40 && high - low > 1e-6 * high; iteration++) {
            double target = (low + high) / 2;
            List<int[]> tried = profile.cut(target, stages);
            if (tried != null) {
                best = tried;
                high = target;
            } else {
                low = target;
            }
        }
        List<int[]> ranges = padTo(best, stages);
        if (ranges == null) {
            return null;
        }
        List<Shard> shards = new ArrayList<>();
        for (int[] range : ranges) {
            shards.add(profile.shard(range[0], range[1]));
        }
        return shards;
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

    /** Per-layer time and bytes of one device, so that cuts are checked in O(layers). */
    static final class Profile {
        private final ModelArchitecture m;
        private final AcceleratorSpec spec;
        private final int tp;
        private final int ep;
        private final String link;
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

        Profile(ModelArchitecture m, Accelerator a, Workload w, int tp, int ep, String link, int microBatches,
                boolean timed, boolean spillAllowed) {
            this.m = m;
            this.spec = a.spec();
            this.tp = tp;
            this.ep = ep;
            this.link = link;
            int layers = m.layers();
            seconds = new double[layers];
            weightPrefix = new double[layers + 1];
            kvPrefix = new double[layers + 1];
            int micro = (int) Math.ceil((double) w.batch() / microBatches);
            for (int i = 0; i < layers; i++) {
                // Layers of one kind take the same time: time the first of each kind (gpt-oss alternates two).
                int earlier = i - 1;
                while (earlier >= 0 && !sameKind(m, i, earlier)) {
                    earlier--;
                }
                Shard one = plain(i, i + 1, false, false);
                Footprint layer = Footprint.of(m, w, one, w.batch());
                weightPrefix[i + 1] = weightPrefix[i] + layer.weightBytes();
                kvPrefix[i + 1] = kvPrefix[i] + layer.kvBytes();
                if (timed) {
                    seconds[i] = earlier >= 0 ? seconds[earlier]
                            : StepTime.seconds(m, a, w, one, Pass.decode(micro, w.contextTokens()));
                    totalSeconds += seconds[i];
                }
            }
            double table = ModelMath.embeddingParameters(m) * w.weights().bytes() / tp;
            embeddingBytes = table;
            headBytes = m.tiedEmbeddings() ? 0 : table;
            primary = usable(spec, spec.primaryMemory());
            spill = spillAllowed ? spillTier(spec).map(t -> usable(spec, t)).orElse(0.0) : 0;
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
            return new Shard(first, end, embedding, head, tp, ep, tier, tier, null, 0, link);
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
            int first = 0;
            double time = 0;
            for (int i = 0; i < m.layers(); i++) {
                if (i > first && (time + seconds[i] > target || i + 1 > fitsUpTo[first])) {
                    if (i > fitsUpTo[first]) {
                        return null;
                    }
                    ranges.add(new int[] {first, i});
                    if (ranges.size() >= maxStages) {
                        return null;
                    }
                    first = i;
                    time = 0;
                }
                time += seconds[i];
            }
            if (m.layers() > fitsUpTo[first]) {
                return null;
            }
            ranges.add(new int[] {first, m.layers()});
            return ranges;
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
            return new Shard(first, end, plain.embedding(), plain.head(), tp, ep, plain.weightTier(),
                    plain.kvTier(), spillTier(spec).orElseThrow().name(), Math.min(1, overflow / kv), link);
        }
    }

    private static boolean sameKind(ModelArchitecture m, int i, int j) {
        return ModelMath.isSlidingLayer(m, i) == ModelMath.isSlidingLayer(m, j)
                && ModelMath.isMoeLayer(m, i) == ModelMath.isMoeLayer(m, j);
    }

    /** The tier KV spills to: the device's second tier, if it has one. */
    public static Optional<MemoryTier> spillTier(AcceleratorSpec spec) {
        return spec.memory().size() > 1 ? Optional.of(spec.memory().get(1)) : Optional.empty();
    }
}
