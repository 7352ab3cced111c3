package dev.tokenscale.host.explore;

import dev.tokenscale.host.engine.Curve;
import dev.tokenscale.host.engine.OperatingPoint;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One design on one model: the design's parameters, the figures the silicon model derived, its frontier (the engine's
 * {@link Curve}) and economics, or why it failed.
 *
 * @param index      the design's place in the sweep
 * @param design     the derived hardware's id
 * @param base       the design it varies
 * @param model      the model served
 * @param parameters the varied parameters' values, by name, in the order they were varied
 * @param error      why the design cannot be built or serve the model, in one line; {@code null} when it can
 * @param figures    derived and served figures by name ({@link #FIGURES}), NaN when unknown
 * @param curve      the frontier, or {@code null} when the design failed
 * @param pareto     whether no other design on this model beats it on every objective
 */
public record DesignResult(int index, String design, String base, String model, Map<String, String> parameters,
                           String error, Map<String, Double> figures, Curve curve, boolean pareto) {

    /** The figures every result reports, in column order. */
    public static final List<String> FIGURES = List.of("peCount", "sramAreaShare", "sramBytes", "sramBandwidth",
            "denseFp16Flops", "offChipBandwidth", "devicePowerW", "systemPowerW", "capexUsd", "devices",
            "maxTokensPerUser", "maxTokensPerChip");

    public DesignResult {
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        figures = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(figures));
    }

    /** Whether the design was built and served the model. */
    public boolean ok() {
        return error == null;
    }

    public double figure(String name) {
        return figures.getOrDefault(name, Double.NaN);
    }

    public double maxInteractivity() {
        return figure("maxTokensPerUser");
    }

    public double maxThroughputPerChip() {
        return figure("maxTokensPerChip");
    }

    /** $ per million output tokens of the cheapest frontier point at or above this interactivity, else NaN. */
    public double costAt(double interactivity) {
        return curve == null ? Double.NaN : curve.cheapestAtLeast(interactivity)
                .map(OperatingPoint::costPerMillionTokensUsd).orElse(Double.NaN);
    }

    /** The most output tokens per second per MW among frontier points at or above this interactivity, else NaN. */
    public double tokensPerMegawattAt(double interactivity) {
        return curve == null ? Double.NaN : curve.frontier().stream()
                .filter(p -> p.tokensPerUserPerSecond() >= interactivity)
                .mapToDouble(OperatingPoint::tokensPerSecondPerMegawatt).max().orElse(Double.NaN);
    }

    /** The same result with its Pareto flag set. */
    public DesignResult withPareto(boolean inSet) {
        return new DesignResult(index, design, base, model, parameters, error, figures, curve, inSet);
    }

    /** A number in at most six significant digits, without trailing zeros, as tables and files write it. */
    public static String number(double value) {
        if (Double.isNaN(value)) {
            return "";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        return new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
