package dev.tokenscale.host.explore;

import dev.tokenscale.api.AcceleratorSpec;
import dev.tokenscale.api.ModelArchitecture;
import dev.tokenscale.host.engine.Accelerator;
import dev.tokenscale.host.engine.Curve;
import dev.tokenscale.host.engine.Curves;
import dev.tokenscale.host.engine.Economics;
import dev.tokenscale.host.engine.OperatingPoint;
import dev.tokenscale.host.engine.Workload;
import dev.tokenscale.host.spec.silicon.Design;
import dev.tokenscale.host.spec.silicon.DesignParameter;
import dev.tokenscale.host.spec.silicon.Variation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Sweeps designs: every combination of the varied parameters on every base design, each derived into hardware, run
 * through its reference's family over every model to its frontier and economics, and the Pareto set of the designs
 * for the named objectives. A design that cannot be built, or a model it cannot hold, is a result with the reason;
 * the rest go on.
 */
public final class Exploration {

    private Exploration() {
    }

    /**
     * One design of the sweep: a base design with some parameters changed.
     *
     * @param index     its place in the sweep, from 0
     * @param base      the base design
     * @param overrides the changed parameters, in the order they were varied
     */
    public record Point(int index, Design base, Map<DesignParameter, Object> overrides) {
        public Point {
            overrides = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
        }

        /** The derived hardware's id: the base's and the point's index ({@code wse-3-0042}). */
        public String id() {
            return String.format(java.util.Locale.ROOT, "%s-%04d", base.id(), index);
        }
    }

    /**
     * What a sweep needs besides the designs and models.
     *
     * @param derivation the silicon model
     * @param references the declared spec of a reference system by id (throws {@link DesignException} when none)
     * @param accelerate a derived spec run through its family
     * @param workload   the workload of a model (context, prompt, precisions)
     * @param economics  cost of ownership
     */
    public record Setup(Derivation derivation, Function<String, AcceleratorSpec> references,
                        Function<AcceleratorSpec, Accelerator> accelerate,
                        Function<ModelArchitecture, Workload> workload, Economics economics) {
    }

    /** Every combination of the variations on every base, bases first, the last variation changing fastest. */
    public static List<Point> grid(List<Design> bases, List<Variation> variations) {
        List<Map<DesignParameter, Object>> combinations = new ArrayList<>();
        combinations.add(new LinkedHashMap<>());
        for (Variation variation : variations) {
            List<Map<DesignParameter, Object>> next = new ArrayList<>();
            for (Map<DesignParameter, Object> combination : combinations) {
                for (Object value : variation.values()) {
                    Map<DesignParameter, Object> extended = new LinkedHashMap<>(combination);
                    extended.put(variation.parameter(), value);
                    next.add(extended);
                }
            }
            combinations = next;
        }
        List<Point> points = new ArrayList<>();
        for (Design base : bases) {
            for (Map<DesignParameter, Object> combination : combinations) {
                points.add(new Point(points.size(), base, combination));
            }
        }
        return points;
    }

    /** One design derived and served on every model; a design that cannot be built fails on each. */
    public static List<DesignResult> evaluate(Setup setup, Point point, List<ModelArchitecture> models) {
        Derivation.Derived derived;
        Accelerator accelerator;
        try {
            AcceleratorSpec reference = setup.references().apply(point.base().reference());
            derived = setup.derivation().derive(point.id(), point.base(), point.overrides(), reference);
            accelerator = setup.accelerate().apply(derived.spec());
        } catch (IllegalArgumentException e) {
            return models.stream().map(m -> failed(point, m, e.getMessage())).toList();
        }
        List<DesignResult> results = new ArrayList<>();
        for (ModelArchitecture m : models) {
            Curve curve = Curves.sweep(m, accelerator, setup.workload().apply(m), setup.economics());
            Map<String, Double> figures = figures(derived, accelerator.spec(), curve);
            String problem = curve.frontier().isEmpty() ? "does not serve " + m.id() + ": " + curve.problem() : null;
            results.add(new DesignResult(point.index(), point.id(), point.base().id(), m.id(), parameters(point),
                    problem, figures, problem == null ? curve : null, false));
        }
        return results;
    }

    private static DesignResult failed(Point point, ModelArchitecture m, String error) {
        return new DesignResult(point.index(), point.id(), point.base().id(), m.id(), parameters(point), error,
                Map.of(), null, false);
    }

    private static Map<String, String> parameters(Point point) {
        Map<String, String> values = new LinkedHashMap<>();
        point.overrides().forEach((p, v) -> values.put(p.spelling(), DesignParameter.show(v)));
        return values;
    }

    private static Map<String, Double> figures(Derivation.Derived derived, AcceleratorSpec spec, Curve curve) {
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("peCount", derived.layout().getOrDefault("pes", Double.NaN));
        figures.put("sramAreaShare", derived.layout().getOrDefault("sramShare", Double.NaN));
        figures.put("sramBytes", spec.primaryMemory().capacity().value());
        figures.put("sramBandwidth", spec.primaryMemory().bandwidth().value());
        figures.put("denseFp16Flops", spec.compute().values().stream().mapToDouble(r -> r.dense().value()).min()
                .orElse(Double.NaN));
        figures.put("offChipBandwidth", derived.layout().getOrDefault("offChipBandwidth", Double.NaN));
        figures.put("devicePowerW", spec.power().device().value());
        figures.put("systemPowerW", spec.power().system().value());
        figures.put("capexUsd", spec.cost().capex().value());
        figures.put("devices", curve.fastest().map(OperatingPoint::devices).map(Integer::doubleValue)
                .orElse(Double.NaN));
        figures.put("maxTokensPerUser", curve.frontier().isEmpty() ? Double.NaN : curve.maxInteractivity());
        figures.put("maxTokensPerChip", curve.frontier().isEmpty() ? Double.NaN : curve.maxThroughputPerChip());
        return figures;
    }

    /**
     * Evaluates the points on {@code threads} threads, skipping those whose index is in {@code done}; {@code each}
     * hears of every point's results as they are finished (from any thread). The results come back in point order.
     */
    public static List<DesignResult> run(Setup setup, List<Point> points, List<ModelArchitecture> models, int threads,
                                         Set<Integer> done, Consumer<List<DesignResult>> each) {
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            return pool.submit(() -> points.parallelStream().filter(p -> !done.contains(p.index())).map(p -> {
                List<DesignResult> results = evaluate(setup, p, models);
                each.accept(results);
                return results;
            }).flatMap(List::stream).toList()).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the sweep was interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
    }

    /**
     * The results with the Pareto flag set: per model, a working design is in the set when no other working design
     * is at least as good on every objective and better on one. A design that does not reach an objective's
     * interactivity counts as worst on it.
     */
    public static List<DesignResult> pareto(List<DesignResult> results, List<Objective> objectives) {
        List<DesignResult> sorted = new ArrayList<>(results);
        sorted.sort(Comparator.comparingInt(DesignResult::index).thenComparing(DesignResult::model));
        List<double[]> scores = sorted.stream().map(r -> r.ok() ? scores(objectives, objectives.stream()
                .mapToDouble(o -> o.of(r)).toArray()) : null).toList();
        boolean[] inSet = paretoSet(sorted.stream().map(DesignResult::model).toList(), scores);
        List<DesignResult> marked = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            marked.add(sorted.get(i).withPareto(inSet[i] && !objectives.isEmpty()));
        }
        return marked;
    }

    /**
     * Which rows are in the Pareto set of their group: a row is when no other row of its group has scores at least
     * as high on every objective and higher on one. A row without scores ({@code null}) is in no set.
     *
     * @param groups the group of each row (its model)
     * @param scores each row's scores, higher is better ({@link #scores}), or {@code null}
     */
    public static boolean[] paretoSet(List<String> groups, List<double[]> scores) {
        boolean[] inSet = new boolean[groups.size()];
        for (int i = 0; i < inSet.length; i++) {
            if (scores.get(i) == null) {
                continue;
            }
            boolean dominated = false;
            for (int j = 0; j < inSet.length && !dominated; j++) {
                dominated = j != i && scores.get(j) != null && groups.get(j).equals(groups.get(i))
                        && dominates(scores.get(j), scores.get(i));
            }
            inSet[i] = !dominated;
        }
        return inSet;
    }

    /** Metrics as scores to maximise: negated when less is better, and -infinity when unreached (NaN). */
    public static double[] scores(List<Objective> objectives, double[] metrics) {
        double[] scores = new double[metrics.length];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = Double.isNaN(metrics[i]) ? Double.NEGATIVE_INFINITY
                    : objectives.get(i).maximise() ? metrics[i] : -metrics[i];
        }
        return scores;
    }

    private static boolean dominates(double[] a, double[] b) {
        boolean better = false;
        for (int i = 0; i < a.length; i++) {
            if (a[i] < b[i]) {
                return false;
            }
            better |= a[i] > b[i];
        }
        return better;
    }
}
