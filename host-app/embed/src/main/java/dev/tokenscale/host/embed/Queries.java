package dev.tokenscale.host.embed;

import dev.tokenscale.api.ModelArchitecture;
import dev.tokenscale.api.Precision;
import dev.tokenscale.host.engine.Accelerator;
import dev.tokenscale.host.engine.Calibration;
import dev.tokenscale.host.engine.Comparison;
import dev.tokenscale.host.engine.Curve;
import dev.tokenscale.host.engine.Curves;
import dev.tokenscale.host.engine.Economics;
import dev.tokenscale.host.engine.Estimate;
import dev.tokenscale.host.engine.Estimator;
import dev.tokenscale.host.engine.ModelSummary;
import dev.tokenscale.host.engine.Placement;
import dev.tokenscale.host.engine.PlacementSearch;
import dev.tokenscale.host.engine.PlacementSearch.Candidate;
import dev.tokenscale.host.engine.Placements;
import dev.tokenscale.host.engine.PluginFault;
import dev.tokenscale.host.engine.Speculation;
import dev.tokenscale.host.engine.SpeedPremium;
import dev.tokenscale.host.engine.Workload;
import dev.tokenscale.host.runtime.Installed;
import dev.tokenscale.host.runtime.PluginHost;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The typed calls over a running plugin host: the one implementation behind {@link Tokenscale}, and through it the
 * CLI commands and the HTTP endpoints. Each call takes one snapshot of the installed plugins and computes from
 * immutable values, so calls are thread-safe and deterministic. The work on each system runs apart
 * ({@link PluginCalls}): a family that throws, hangs or answers nonsense fails its own systems (a comparison reports
 * them failed with the reason; an estimate of one of them is a {@link PluginFault}), and every other system answers.
 */
@Singleton
final class Queries {

    private final PluginHost host;
    private final Economics defaults;
    private final Progress progress;

    /** Queries over a running host, with the economics defaults of the requests and where progress goes. */
    @Inject
    Queries(PluginHost host, Economics defaults, Progress progress) {
        this.host = host;
        this.defaults = defaults;
        this.progress = progress;
    }

    /** Every usable hardware system, sorted by id. */
    List<Hardware> hardware() {
        return host.installed().accelerators().stream().map(Hardware::of).toList();
    }

    /** Every installed model, sorted by id. */
    List<ModelSummary> models() {
        return host.installed().models().stream().map(ModelSummary::of).toList();
    }

    /** One model on one system; a request that fits no placement has {@code fits == false} and the reason. */
    Estimate estimate(EstimateRequest r) {
        Installed installed = host.installed();
        ModelArchitecture model = Lookup.model(installed.models(), r.model());
        return isolated(Lookup.hardware(installed.accelerators(), r.hardware()), accelerator -> estimate(r, installed,
                model, accelerator));
    }

    private Estimate estimate(EstimateRequest r, Installed installed, ModelArchitecture model,
                              Accelerator accelerator) {
        Workload workload = workload(model, r.batch(), r.context(), r.prompt(), r.weights(), r.experts(), r.kv());
        Speculation speculation = speculation(installed, model, r.speculative());
        List<String> warnings = new ArrayList<>(warnings(model, r.context()));
        Placement placement;
        if (r.placement() != null) {
            EstimateRequest.Layout layout = r.placement();
            Placements.Built built = Placements.build(model, accelerator, workload, layout.shape());
            if (built.breaksRules()) {
                throw InvalidInputException.field("placement", built.problem());
            }
            if (built.placement() == null) {
                return Estimator.doesNotFit(model, accelerator, workload, built.problem(), warnings);
            }
            placement = built.placement();
        } else {
            PlacementSearch.Result result = PlacementSearch.search(model, accelerator, workload, r.objective(),
                    new PlacementSearch.Constraints(r.maxDevices(), r.minInteractivity()), defaults);
            if (result.ranked().isEmpty()) {
                return Estimator.doesNotFit(model, accelerator, workload, result.problem(), warnings);
            }
            placement = result.ranked().get(0).placement();
        }
        if (r.placement() != null && r.placement().pooled()) {
            if (r.context() <= r.prompt()) {
                throw InvalidInputException.field("context", r.context(), "more than the prompt's " + r.prompt()
                        + " tokens with pools: a request's output is its context less its prompt");
            }
            return Estimator.inPools(Estimator.estimate(model, accelerator, workload, placement, speculation,
                    warnings), model, accelerator, workload, placement, r.placement().prefillInstances(),
                    r.placement().decodeInstances());
        }
        Calibration calibration = host.calibration(accelerator.id()).orElse(null);
        if (calibration != null && calibration.range() != null) {
            for (String warning : calibration.range().warnings(model, workload, placement.devices())) {
                warnings.add("outside the calibration " + calibration.origin() + ": " + warning);
            }
        }
        return Estimator.estimate(model, accelerator, workload, placement, speculation, warnings);
    }

    /** Every feasible placement of one model on one system, ranked; the best {@code top} are kept. */
    PlacementRanking place(PlaceRequest r) {
        Installed installed = host.installed();
        ModelArchitecture model = Lookup.model(installed.models(), r.model());
        Accelerator accelerator = Lookup.hardware(installed.accelerators(), r.hardware());
        Workload workload = workload(model, r.batch(), r.context(), r.prompt(), r.weights(), r.experts(), r.kv());
        PlacementSearch.Result result = isolated(accelerator, a -> PlacementSearch.search(model, a, workload,
                r.objective(), new PlacementSearch.Constraints(r.maxDevices(), r.minInteractivity()), defaults));
        List<PlacementRanking.Ranked> ranked = result.ranked().stream().limit(r.top()).map(Queries::ranked).toList();
        return new PlacementRanking(model.id(), accelerator.id(), r.objective().name().toLowerCase(Locale.ROOT),
                result.ranked().size(), ranked, result.rejected(), result.problem());
    }

    /** One model on several systems, each swept to its frontier, with the speed premium. */
    ComparisonResult compare(CompareRequest r) {
        Comparison comparison = comparison(r);
        List<String> compared = comparison.systems().stream().map(Curve::hardware).toList();
        if (r.standardHardware() != null && !compared.contains(r.standardHardware())) {
            throw InvalidInputException.field("standardHardware", r.standardHardware(), "one of the compared "
                    + "systems: " + String.join(", ", compared));
        }
        return new ComparisonResult(comparison, r.costAt(), SpeedPremium.of(comparison.systems(), r.standard(),
                r.fast(), r.standardHardware()));
    }

    /** Fleets of each system for a power budget. */
    FleetSizing fleet(FleetRequest r) {
        return FleetSizing.of(comparison(r.comparison()), r.powerWatts(), r.atInteractivity());
    }

    /** The sweep of a comparison, without the speed premium: what {@code compare} and {@code fleet} share. */
    private Comparison comparison(CompareRequest r) {
        Installed installed = host.installed();
        ModelArchitecture model = Lookup.model(installed.models(), r.model());
        List<Accelerator> chosen = r.hardware().isEmpty() ? installed.accelerators()
                : r.hardware().stream().map(id -> Lookup.hardware(installed.accelerators(), id)).toList();
        if (chosen.isEmpty()) {
            throw new InvalidInputException("no hardware is installed");
        }
        overridden(installed, "economics.capexUsd", r.economics().capexUsd().keySet());
        overridden(installed, "economics.systemWatts", r.economics().systemWatts().keySet());
        Workload base = workload(model, 1, r.context(), r.prompt(), r.weights(), r.experts(), r.kv());
        Economics economics = r.economics().economics(defaults);
        AtomicInteger done = new AtomicInteger();
        Speculation speculation = speculation(installed, model, r.speculative());
        List<Curve> curves = PluginCalls.each(chosen, a -> Curves.sweep(model, a, base, economics, speculation,
                        r.limits()), host.pluginTimeout(), this::hung,
                outcome -> progress.swept(outcome.system().id(), done.incrementAndGet(), chosen.size())).stream()
                .map(outcome -> outcome.failure() == null ? outcome.value()
                        : Curve.failed(outcome.system(), economics, outcome.failure())).toList();
        return Comparison.of(model, base, economics, speculation, r.limits(), warnings(model, r.context()), curves);
    }

    /** The work on one system, apart: a failure of its family is a {@link PluginFault}. */
    private <T> T isolated(Accelerator accelerator, Function<Accelerator, T> work) {
        return PluginCalls.one(accelerator, work, host.pluginTimeout(), this::hung);
    }

    private void hung(Accelerator accelerator, String reason) {
        host.quarantine(accelerator.spec().family(), reason);
    }

    /** The speculation a request asks for: with a draft model, or with the target's MTP modules; null for none. */
    private static Speculation speculation(Installed installed, ModelArchitecture target,
                                           EstimateRequest.Speculative s) {
        if (s == null) {
            return null;
        }
        if (!Speculation.MTP.equals(s.draft())) {
            return Speculation.withDraft(Lookup.model(installed.models(), s.draft()), s.draftLength(),
                    s.acceptance());
        }
        if (target.mtpLayers() == 0) {
            throw InvalidInputException.field("speculative.draft", s.draft(), "a draft model id: " + target.id()
                    + " declares no multi-token-prediction modules (mtpLayers)");
        }
        return Speculation.mtp(target, s.draftLength(), s.acceptance());
    }

    /** Every hardware id an economics override names is installed. */
    private static void overridden(Installed installed, String field, Set<String> ids) {
        for (String id : ids) {
            try {
                Lookup.hardware(installed.accelerators(), id);
            } catch (InvalidInputException e) {
                throw new InvalidInputException(field + ": " + e.getMessage());
            }
        }
    }

    private static PlacementRanking.Ranked ranked(Candidate c) {
        Placement p = c.placement();
        return new PlacementRanking.Ranked(p.label(), p.devices(), p.pipelineStages(), p.tensorParallel(),
                p.dataParallel(), p.expertParallel(), p.microBatches(), c.tokensPerUser(), c.tokensPerChip(),
                c.costPerMillion());
    }

    /** The workload of a request: the model's own precisions unless the request names others. */
    static Workload workload(ModelArchitecture model, int batch, long context, long prompt, Precision weights,
                             Precision experts, Precision kv) {
        Workload workload = Workload.of(model, batch, context, prompt, weights, kv);
        return experts == null ? workload : workload.withExperts(experts);
    }

    /** Advice for a context beyond what the model declares: allowed, since users study such variants. */
    static List<String> warnings(ModelArchitecture model, long context) {
        return context > model.maxContext()
                ? List.of(String.format(Locale.ROOT, "context %,d is beyond %s's declared maximum of %,d tokens", context,
                model.id(), model.maxContext()))
                : List.of();
    }
}
