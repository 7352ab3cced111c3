package dev.tokenscale.host.engine;

import dev.tokenscale.api.ModelArchitecture;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The operating points a calibration was fitted on, so that an estimate outside them can say how far outside it is.
 *
 * @param batch         decode batch sizes measured, or {@code null} when no decode row was
 * @param contextTokens decode context lengths measured, or {@code null} when no decode row was
 * @param promptTokens  prefill prompt lengths measured, or {@code null} when no prefill row was
 * @param devices       devices per measured row (1: the rows are single-device)
 * @param models        the models measured
 */
public record CalibratedRange(Span batch, Span contextTokens, Span promptTokens, int devices,
                             List<CalibratedModel> models) {

    /**
     * A closed range of values.
     *
     * @param min smallest value
     * @param max largest value
     */
    public record Span(double min, double max) {
        public Span {
            if (!(min > 0) || max < min) {
                throw new IllegalArgumentException("invalid range " + min + "-" + max);
            }
        }

        /** The smallest span that holds every value, or {@code null} for none. */
        static Span covering(List<Double> values) {
            return values.isEmpty() ? null : new Span(values.stream().mapToDouble(Double::doubleValue).min()
                    .orElseThrow(), values.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
        }

        /** "min-max", or the one value when they are equal. */
        String text(java.util.function.DoubleFunction<String> format) {
            return min == max ? format.apply(min) : format.apply(min) + "-" + format.apply(max);
        }

        /** How many times beyond the span {@code value} lies (above or below), or 1 when inside. */
        double factorOutside(double value) {
            return value > max ? value / max : value < min ? min / value : 1;
        }
    }

    /**
     * A measured model's shape, for comparing other models with it.
     *
     * @param id               model id
     * @param activeParameters weights one token reads
     * @param moe              whether it is a mixture of experts
     */
    public record CalibratedModel(String id, double activeParameters, boolean moe) {
    }

    public CalibratedRange {
        models = List.copyOf(models);
        if (devices < 1 || models.isEmpty()) {
            throw new IllegalArgumentException("a calibrated range needs devices >= 1 and at least one model");
        }
    }

    /** The range of single-device rows. */
    public static CalibratedRange of(List<MeasuredCase> cases) {
        List<Double> batch = new ArrayList<>();
        List<Double> context = new ArrayList<>();
        List<Double> prompt = new ArrayList<>();
        List<CalibratedModel> models = new ArrayList<>();
        for (MeasuredCase c : cases) {
            Measurement row = c.row();
            if (row.phase() == Measurement.Phase.DECODE) {
                batch.add((double) row.batch());
                context.add((double) row.contextTokens());
            } else {
                prompt.add((double) row.promptTokens());
            }
            if (models.stream().noneMatch(m -> m.id().equals(row.model()))) {
                models.add(new CalibratedModel(row.model(), ModelMath.activeParameters(c.model()), c.model().isMoe()));
            }
        }
        return new CalibratedRange(Span.covering(batch), Span.covering(context), Span.covering(prompt), 1, models);
    }

    /** Warnings for an estimate of {@code m} at {@code w} on {@code devices} devices; empty when all is inside. */
    public List<String> warnings(ModelArchitecture m, Workload w, int devices) {
        List<String> warnings = new ArrayList<>();
        outside("batch", w.batch(), batch, "no decode rows were calibrated", warnings);
        outside("context", w.contextTokens(), contextTokens, "no decode rows were calibrated", warnings);
        outside("prompt", w.promptTokens(), promptTokens, "no prefill rows were calibrated, so time to first token "
                + "is not", warnings);
        if (models.stream().noneMatch(c -> c.id().equals(m.id()))) {
            Span active = Span.covering(models.stream().map(CalibratedModel::activeParameters).toList());
            double parameters = ModelMath.activeParameters(m);
            double factor = active.factorOutside(parameters);
            if (factor > 1) {
                warnings.add(String.format(Locale.ROOT, "model %s reads %s active parameters, %s %s the calibrated "
                                + "model%s %s", m.id(), billions(parameters), times(factor),
                        parameters > active.max() ? "beyond" : "below", models.size() == 1 ? "'s" : "s'",
                        active.text(CalibratedRange::billions)));
            }
            if (m.isMoe() && models.stream().noneMatch(CalibratedModel::moe)) {
                warnings.add("model " + m.id() + " is a mixture of experts; the calibration measured no MoE model, so "
                        + "its grouped expert GEMMs are not calibrated");
            }
        }
        if (devices > this.devices) {
            warnings.add(devices + " devices: the calibration measured " + this.devices + " device"
                    + (this.devices == 1 ? "" : "s") + ", so collectives and pipeline hops are not calibrated");
        }
        return warnings;
    }

    private static void outside(String what, double value, Span span, String none, List<String> warnings) {
        if (span == null) {
            warnings.add(String.format(Locale.ROOT, "%s %,.0f: %s", what, value, none));
            return;
        }
        double factor = span.factorOutside(value);
        if (factor > 1) {
            warnings.add(String.format(Locale.ROOT, "%s %,.0f is %s %s the calibrated %s", what, value, times(factor),
                    value > span.max() ? "beyond" : "below", span.min() == span.max() ? "value "
                            + count(span.min()) : "range " + span.text(CalibratedRange::count)));
        }
    }

    private static String times(double factor) {
        return String.format(Locale.ROOT, factor < 10 ? "%.1fx" : "%.0fx", factor).replace(".0x", "x");
    }

    private static String count(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String billions(double parameters) {
        return String.format(Locale.ROOT, "%.1fB", parameters / 1e9);
    }
}
