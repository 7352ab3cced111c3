package dev.tokenscale.host.engine;

import dev.tokenscale.api.AcceleratorSpec;
import dev.tokenscale.api.Figure;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Fits one hardware's execution parameters to measured rows. Every parameter the spec declares whose name ends in
 * {@code Efficiency} (bounded to (0, 1]) or {@code Latency} (kept above 0) is a candidate; those that change no
 * row's prediction are left as declared. The fit minimises, in log space, the squared log errors of the rows plus a
 * pull toward the spec's sourced values (a log-normal prior): where the rows cannot tell two parameters apart (a
 * per-op latency, a per-MoE-layer latency and the bandwidth of a few dense matrices all cost every row of an MoE
 * model about the same time), the sources decide rather than chance. The pull is weak for latencies, which depend
 * on the software stack (fused or not, CUDA graphs or not), and firmer for efficiencies, which are fractions of a
 * hardware peak that published measurements agree on within about a quarter. Fitted values are rounded to four
 * significant digits, and the error after the fit is that of the rounded values, as the calibration file applies
 * them.
 */
public final class Calibrator {

    /** The rows are trusted to about 5%, the error the model aims for; priors are weighed against that. */
    static final double ROW_ERROR = 0.05;
    /**
     * Spread of an efficiency around its sourced value: a factor 1.25 (decode GEMV bandwidth reaches 0.64-0.8 of
     * peak across GPUs, the AIConfigurator system YAMLs and github.com/lablup/mlxcel/pull/684; decode GEMMs 0.5-0.7).
     */
    static final double EFFICIENCY_SPREAD = 1.25;
    /**
     * Spread of a latency around its sourced value: a factor 3 (per-op fixed cost 3 us under CUDA graphs in the
     * AIConfigurator system YAMLs, 5-15 us per launch without them,
     * fridayswithfaraday.com/posts/cuda-graphs-inference).
     */
    static final double LATENCY_SPREAD = 3;

    private static final String EFFICIENCY = "Efficiency";
    private static final String LATENCY = "Latency";
    private static final int MAX_EVALUATIONS = 20_000;

    private Calibrator() {
    }

    /**
     * What a fit found.
     *
     * @param calibration  the fitted parameters and the range they were fitted on
     * @param declared     the values the spec declared for the fitted parameters (the starting point)
     * @param notExercised candidate parameters that change no row's prediction, left as declared
     * @param before       error of the declared values over the rows
     * @param after        error of the fitted values over the rows
     */
    public record Fit(Calibration calibration, Map<String, Figure> declared, List<String> notExercised,
                      ErrorStats before, ErrorStats after) {
    }

    /**
     * Fits the parameters of {@code base} to the rows.
     *
     * @param cases   rows of this hardware, prepared on it
     * @param base    the hardware as installed
     * @param rebuild builds the hardware from a spec with other execution parameters (through its family)
     * @param origin  what the calibration file will be called, for messages
     * @param source  the source line of every fitted value, e.g. "calibrated: h200.csv, 21 rows, 2026-05-01"
     */
    public static Fit fit(List<MeasuredCase> cases, Accelerator base, Function<AcceleratorSpec, Accelerator> rebuild,
                          String origin, String source) {
        return fit(cases, base, rebuild, origin, source, () -> { });
    }

    /** The same; {@code evaluated} hears of each trial of the fit (from any thread), for a progress display. */
    public static Fit fit(List<MeasuredCase> cases, Accelerator base, Function<AcceleratorSpec, Accelerator> rebuild,
                          String origin, String source, Runnable evaluated) {
        if (cases.isEmpty()) {
            throw new IllegalArgumentException("no rows to calibrate " + base.id() + " on");
        }
        AcceleratorSpec spec = base.spec();
        double[] baseline = predictions(cases, base);
        List<String> names = new ArrayList<>();
        List<String> notExercised = new ArrayList<>();
        for (String name : new TreeSet<>(spec.execution().keySet())) {
            if ((name.endsWith(EFFICIENCY) || name.endsWith(LATENCY)) && spec.execution().get(name).value() > 0) {
                double nudged = spec.execution().get(name).value() * 0.9;
                boolean exercised = changes(baseline, predictions(cases, rebuild.apply(spec.withExecution(
                        withValues(spec, List.of(name), new double[] {nudged}, null)))));
                (exercised ? names : notExercised).add(name);
            }
        }
        double[] declared = names.stream().mapToDouble(n -> Math.log(spec.execution().get(n).value())).toArray();
        List<Point> points = Point.of(cases);
        double[] best = NelderMead.minimize(z -> {
            evaluated.run();
            return loss(points, names, z, declared,
                    rebuild.apply(spec.withExecution(withValues(spec, names, values(names, z), null))));
        }, declared, 0.2, MAX_EVALUATIONS);
        double[] fitted = values(names, best);
        Map<String, Figure> fittedFigures = new LinkedHashMap<>();
        Map<String, Figure> declaredFigures = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            fitted[i] = new BigDecimal(fitted[i]).round(new MathContext(4)).doubleValue();
            Figure was = spec.execution().get(names.get(i));
            declaredFigures.put(names.get(i), was);
            fittedFigures.put(names.get(i), new Figure(fitted[i], source, "declared " + describe(names.get(i),
                    was.value()) + " (" + was.source() + ")"));
        }
        Accelerator calibrated = rebuild.apply(spec.withExecution(withValues(spec, names, fitted, source)));
        return new Fit(new Calibration(origin, spec.id(), fittedFigures, CalibratedRange.of(cases)), declaredFigures,
                List.copyOf(notExercised), stats(cases, baseline), stats(cases, predictions(cases, calibrated)));
    }

    /**
     * The rows measured at one operating point (model, phase, batch, context, prompt): one prediction serves them
     * all, so a file of many repeated runs costs one prediction per point and trial. Their squared log errors
     * against a prediction {@code p} sum to {@code n ln(p)^2 - 2 ln(p) sum ln(m) + sum ln(m)^2}.
     *
     * @param first         one of its rows, to predict with
     * @param rows          how many rows
     * @param sumLog        sum of ln(measured seconds)
     * @param sumLogSquared sum of ln(measured seconds)^2
     */
    record Point(MeasuredCase first, int rows, double sumLog, double sumLogSquared) {

        static List<Point> of(List<MeasuredCase> cases) {
            Map<List<Object>, List<MeasuredCase>> byPoint = new LinkedHashMap<>();
            for (MeasuredCase c : cases) {
                Measurement r = c.row();
                byPoint.computeIfAbsent(List.of(r.model(), r.phase(), r.batch(), r.contextTokens(), r.promptTokens()),
                        k -> new ArrayList<>()).add(c);
            }
            return byPoint.values().stream().map(rows -> new Point(rows.get(0), rows.size(),
                    rows.stream().mapToDouble(c -> Math.log(c.row().seconds())).sum(),
                    rows.stream().mapToDouble(c -> Math.log(c.row().seconds()) * Math.log(c.row().seconds())).sum()))
                    .toList();
        }

        double squaredLogErrors(Accelerator trial) {
            double logPredicted = Math.log(first.predict(trial));
            return rows * logPredicted * logPredicted - 2 * logPredicted * sumLog + sumLogSquared;
        }
    }

    /** Squared log errors of the rows on {@code trial}, plus each parameter's pull toward its declared value. */
    private static double loss(List<Point> points, List<String> names, double[] z, double[] declared,
                               Accelerator trial) {
        double loss = points.parallelStream().mapToDouble(p -> p.squaredLogErrors(trial)).sum();
        double[] clamped = clamp(names, z);
        for (int i = 0; i < z.length; i++) {
            double spread = Math.log(names.get(i).endsWith(EFFICIENCY) ? EFFICIENCY_SPREAD : LATENCY_SPREAD);
            double pull = (clamped[i] - declared[i]) * ROW_ERROR / spread;
            loss += pull * pull;
        }
        return loss;
    }

    private static double[] predictions(List<MeasuredCase> cases, Accelerator a) {
        return cases.parallelStream().mapToDouble(c -> c.predict(a)).toArray();
    }

    private static boolean changes(double[] before, double[] after) {
        for (int i = 0; i < before.length; i++) {
            if (Math.abs(after[i] / before[i] - 1) > 1e-9) {
                return true;
            }
        }
        return false;
    }

    private static ErrorStats stats(List<MeasuredCase> cases, double[] predicted) {
        double[] errors = new double[cases.size()];
        for (int i = 0; i < errors.length; i++) {
            errors[i] = cases.get(i).errorPercent(predicted[i]);
        }
        return ErrorStats.of(errors);
    }

    /** Log-space point to values, efficiencies capped at 1. */
    private static double[] values(List<String> names, double[] z) {
        double[] clamped = clamp(names, z);
        double[] values = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            values[i] = Math.exp(clamped[i]);
        }
        return values;
    }

    private static String describe(String name, double value) {
        return name.endsWith(LATENCY) ? String.format(Locale.ROOT, "%.4g us", value * 1e6)
                : String.format(Locale.ROOT, "%.4g", value);
    }

    private static double[] clamp(List<String> names, double[] z) {
        double[] clamped = z.clone();
        for (int i = 0; i < z.length; i++) {
            if (names.get(i).endsWith(EFFICIENCY)) {
                clamped[i] = Math.min(0, z[i]);
            }
        }
        return clamped;
    }

    /** The spec's parameters with these values in place; their source becomes {@code source} when given. */
    private static Map<String, Figure> withValues(AcceleratorSpec spec, List<String> names, double[] values,
                                              String source) {
        Map<String, Figure> merged = new LinkedHashMap<>(spec.execution());
        for (int i = 0; i < names.size(); i++) {
            Figure was = merged.get(names.get(i));
            merged.put(names.get(i), source == null ? was.withValue(values[i]) : new Figure(values[i], source, null));
        }
        return merged;
    }
}
