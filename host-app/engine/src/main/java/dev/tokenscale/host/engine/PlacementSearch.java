package dev.tokenscale.host.engine;

import dev.tokenscale.api.AcceleratorSpec;
import dev.tokenscale.api.LinkScope;
import dev.tokenscale.api.ModelArchitecture;
import dev.tokenscale.host.units.Units;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Enumerates the feasible placements of a model on one kind of hardware and ranks them. Tensor parallelism runs
 * in powers of two up to the largest scale-up (or chip-to-chip) domain; expert parallelism in powers of two that
 * divide it; pipeline stages from the fewest whose memory holds the model, doubled twice, since more stages only
 * add hops unless memory needs them, and the fewest that keep the whole KV cache in the first tier (KV spilled
 * to a slower tier, such as a wafer's off-wafer store, can cost more than the hops); and with one micro-batch in flight, one per stage, or as many as fill the
 * pipeline when its devices pipeline inside.
 */
public final class PlacementSearch {

    /** What a placement is chosen for. */
    public enum Objective {
        /** Most tokens per user per second. */
        INTERACTIVITY,
        /** Most tokens per chip per second. */
        THROUGHPUT,
        /** Lowest cost per million output tokens at the hardware's hourly cost. */
        COST
    }

    /**
     * Limits on the search.
     *
     * @param maxDevices        most devices a placement may use
     * @param minInteractivity  least tokens per user per second a placement must give (0 for none)
     */
    public record Constraints(int maxDevices, double minInteractivity) {
        /** Up to 4,096 devices, no speed floor. */
        public static final Constraints NONE = new Constraints(4096, 0);
    }

    /**
     * One feasible placement and its speeds.
     *
     * @param placement          the placement
     * @param tokensPerUser      tokens per user per second
     * @param tokensPerChip      tokens per chip per second
     * @param costPerMillion     US dollars per million output tokens
     */
    public record Candidate(Placement placement, double tokensPerUser, double tokensPerChip, double costPerMillion) {
    }

    /**
     * Ranked feasible placements, best first, and why the rest were rejected.
     *
     * @param ranked   feasible placements, best first
     * @param rejected one line per rejected shape
     * @param problem  why nothing is feasible, in one line, or {@code null} when something is
     */
    public record Result(List<Candidate> ranked, List<String> rejected, String problem) {
    }

    private PlacementSearch() {
    }

    /** Every feasible placement, ranked for the objective. */
    public static Result search(ModelArchitecture m, Accelerator a, Workload w, Objective objective,
                                Constraints constraints, Economics economics) {
        List<Candidate> feasible = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        int fewestDevices = Integer.MAX_VALUE;
        String fewestShape = null;
        double fastest = 0;
        double hourly = economics.dollarsPerDeviceHour(a.spec());
        for (int tp : tensorParallelOptions(a.spec(), constraints.maxDevices())) {
            for (int ep : expertParallelOptions(m, tp)) {
                int fewest = Placements.minimumStages(m, a, w, tp, ep);
                if (fewest < 0 || fewest > m.layers()) {
                    rejected.add(String.format(Locale.ROOT, "tp=%d,ep=%d: a single layer does not fit %s", tp, ep,
                            a.spec().deviceKind()));
                    continue;
                }
                if (fewest * tp < fewestDevices) {
                    fewestDevices = fewest * tp;
                    fewestShape = "pp=" + fewest + (tp > 1 ? "," + tp(tp, ep) : "");
                }
                TreeSet<Integer> stageOptions = new TreeSet<>(List.of(fewest, Math.min(m.layers(), 2 * fewest),
                        Math.min(m.layers(), 4 * fewest)));
                int unspilled = Placements.minimumStagesWithoutSpill(m, a, w, tp, ep);
                if (unspilled > 0) {
                    stageOptions.add(unspilled);
                }
                for (int stages : stageOptions) {
                    if (stages * tp > constraints.maxDevices()) {
                        rejected.add(String.format(Locale.ROOT, "pp=%d,tp=%d needs %d devices, over the limit of %d",
                                stages, tp, stages * tp, constraints.maxDevices()));
                        continue;
                    }
                    for (int micro : microBatchOptions(m, a, w, stages, tp, ep)) {
                        Placements.Built built = Placements.build(m, a, w, stages, tp, ep, micro);
                        if (built.placement() == null) {
                            rejected.add(built.problem());
                            continue;
                        }
                        double[] speeds = Estimator.speeds(m, a, w, built.placement());
                        fastest = Math.max(fastest, speeds[0]);
                        if (speeds[0] < constraints.minInteractivity()) {
                            rejected.add(String.format(Locale.ROOT, "%s gives %.0f tokens/s/user, under %.0f",
                                    built.placement().label(), speeds[0], constraints.minInteractivity()));
                            continue;
                        }
                        feasible.add(new Candidate(built.placement(), speeds[0], speeds[1],
                                hourly / (speeds[1] * 3600) * 1e6));
                    }
                }
            }
        }
        feasible.sort(order(objective));
        return new Result(feasible, rejected, feasible.isEmpty()
                ? problem(m, a, w, constraints, fewestDevices, fewestShape, fastest, rejected) : null);
    }

    /**
     * Micro-batches to try: one, one per stage, and as many as fill the pipeline when its devices pipeline inside
     * (a wafer's layer regions): the path of one micro-batch over the busiest stage's interval, at most the batch.
     */
    private static TreeSet<Integer> microBatchOptions(ModelArchitecture m, Accelerator a, Workload w, int stages,
                                                     int tp, int ep) {
        TreeSet<Integer> options = new TreeSet<>(List.of(1, Math.min(stages, w.batch())));
        Placements.Built single = Placements.build(m, a, w.withBatch(1), stages, tp, ep, 1);
        if (single.placement() != null && w.batch() > 1) {
            int fill = Estimator.pipelineFill(m, a, w.withBatch(1), single.placement());
            options.add(Math.min(w.batch(), fill));
        }
        return options;
    }

    private static String tp(int tp, int ep) {
        return "tp=" + tp + (ep > 1 ? ",ep=" + ep : "");
    }

    /** Why no placement is feasible: too few devices allowed, too slow for the floor, or too big to hold. */
    private static String problem(ModelArchitecture m, Accelerator a, Workload w, Constraints constraints,
                                  int fewestDevices, String fewestShape, double fastest, List<String> rejected) {
        AcceleratorSpec spec = a.spec();
        if (fewestShape == null) {
            return String.format(Locale.ROOT, "a single layer of %s does not fit one %s (%s) even split %d ways",
                    m.id(), spec.deviceKind(), spec.id(), tensorParallelOptions(spec, constraints.maxDevices())
                            .stream().mapToInt(Integer::intValue).max().orElse(1));
        }
        if (fewestDevices > constraints.maxDevices()) {
            Footprint all = Footprint.of(m, w, Shard.whole(m, spec), w.batch());
            return String.format(Locale.ROOT, "%s needs at least %d %s devices (%s) to hold %s of weights and "
                            + "%s of KV cache; the limit is %d", m.id(), fewestDevices, spec.id(), fewestShape,
                    Units.gigabytes(all.weightBytes()), Units.gigabytes(all.kvBytes()),
                    constraints.maxDevices());
        }
        if (fastest > 0 && fastest < constraints.minInteractivity()) {
            return String.format(Locale.ROOT, "no placement on %s reaches %.0f tokens/s/user; the fastest gives %.0f",
                    spec.id(), constraints.minInteractivity(), fastest);
        }
        return rejected.isEmpty() ? "no placement was tried" : rejected.get(rejected.size() - 1);
    }

    private static Comparator<Candidate> order(Objective objective) {
        Comparator<Candidate> primary = switch (objective) {
            case INTERACTIVITY -> Comparator.comparingDouble(Candidate::tokensPerUser).reversed();
            case THROUGHPUT -> Comparator.comparingDouble(Candidate::tokensPerChip).reversed();
            case COST -> Comparator.comparingDouble(Candidate::costPerMillion);
        };
        return primary.thenComparingInt(c -> c.placement().devices());
    }

    /** Powers of two up to the largest domain that tensor parallelism can use. */
    static List<Integer> tensorParallelOptions(AcceleratorSpec spec, int maxDevices) {
        int domain = spec.interconnects().stream().filter(l -> l.scope() != LinkScope.SCALE_OUT)
                .mapToInt(l -> (int) l.domainSize().value()).max().orElse(1);
        List<Integer> options = new ArrayList<>();
        for (int tp = 1; tp <= Math.min(domain, maxDevices); tp *= 2) {
            options.add(tp);
        }
        return options;
    }

    private static List<Integer> expertParallelOptions(ModelArchitecture m, int tp) {
        List<Integer> options = new ArrayList<>();
        for (int ep = 1; ep <= tp; ep *= 2) {
            if (ep == 1 || (m.isMoe() && m.ffn().moe().experts() % ep == 0)) {
                options.add(ep);
            }
        }
        return options;
    }
}
