package dev.tokenscale.host.engine;

import dev.tokenscale.api.ModelArchitecture;
import dev.tokenscale.api.Precision;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * One model compared on several kinds of hardware: what was served, under which economics, and each system's
 * curve ({@code docs/cli.md} documents the JSON form).
 *
 * @param model            model id
 * @param parameters       total parameters
 * @param activeParameters parameters one token uses
 * @param weights          precision of the non-expert weights
 * @param experts          precision of the routed experts
 * @param kv               precision of the KV cache
 * @param contextTokens    context at the last decode step (prompt + output)
 * @param averageContextTokens context decode steps are timed at: prompt + output / 2
 * @param promptTokens     input tokens per request
 * @param outputTokens     output tokens per request
 * @param economics        the cost-of-ownership assumptions
 * @param speculation      speculative decoding in every system's frontier, or {@code null}
 * @param limits           the limits on each deployment swept
 * @param systems          one curve per hardware system, in the order asked for
 * @param warnings         things the user should know (a context beyond the model's maximum, ...)
 */
public record Comparison(String model, long parameters, long activeParameters, String weights, String experts,
                         String kv, long contextTokens, long averageContextTokens, long promptTokens,
                         long outputTokens, Economics economics, SpeculationSpec speculation, Curves.Limits limits,
                         List<Curve> systems,
                         List<String> warnings) {

    public Comparison {
        systems = List.copyOf(systems);
        warnings = List.copyOf(warnings);
    }

    /**
     * Speculative decoding as compared.
     *
     * @param draft           draft model id, or {@code mtp} for the model's own multi-token-prediction modules
     * @param draftLength     tokens drafted per verify step
     * @param acceptance      per-token acceptance probability
     * @param tokensPerVerify expected tokens committed per verify step
     */
    public record SpeculationSpec(String draft, int draftLength, double acceptance, double tokensPerVerify) {

        /** The description of a speculation, or {@code null} for none. */
        static SpeculationSpec of(Speculation s) {
            return s == null ? null : new SpeculationSpec(s.draftName(), s.draftLength(), s.acceptance(),
                    s.tokensPerVerify());
        }
    }

    /**
     * Sweeps every accelerator for the model at the workload's context and prompt (its batch is ignored);
     * {@code done} hears of each curve as it is finished.
     *
     * @param speculation speculative decoding, or {@code null}
     */
    public static Comparison of(ModelArchitecture m, List<Accelerator> accelerators, Workload base,
                                Economics economics, Speculation speculation, Curves.Limits limits,
                                List<String> warnings, Consumer<Curve> done) {
        return of(m, base, economics, speculation, limits, warnings,
                Curves.sweep(m, accelerators, base, economics, speculation, limits, done));
    }

    /** The comparison of curves already swept (by a caller that sweeps each system on its own). */
    public static Comparison of(ModelArchitecture m, Workload base, Economics economics, Speculation speculation,
                                Curves.Limits limits, List<String> warnings, List<Curve> curves) {
        OperatingPoint.Request request = OperatingPoint.Request.of(base);
        return new Comparison(m.id(), ModelMath.totalParameters(m), ModelMath.activeParameters(m),
                name(base.weights()), name(base.experts()), name(base.kv()), base.contextTokens(),
                request.averageContextTokens(), request.promptTokens(), request.outputTokens(), economics,
                SpeculationSpec.of(speculation), limits, curves, warnings);
    }

    private static String name(Precision precision) {
        return precision.name().toLowerCase(Locale.ROOT);
    }
}
