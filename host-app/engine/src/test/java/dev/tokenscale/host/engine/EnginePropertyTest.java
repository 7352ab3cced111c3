package dev.tokenscale.host.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenscale.api.ModelArchitecture;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The engines' invariants over every catalog model on every built-in system, across the whole range a request may
 * ask for (issue 16): every number of an estimate is finite and not negative, and with the placement held fixed,
 * a longer context or a larger batch never makes a decode step faster (more KV bytes and more tokens to move and
 * multiply, through models whose time only grows with bytes and FLOPs). A placement is held fixed when it has the
 * same stages with the same layers and tiers: a larger KV cache may move a layer to another stage or spill it to
 * another tier, a different placement whose step may well be faster.
 */
class EnginePropertyTest {

    private static final List<Accelerator> SYSTEMS = Catalog.accelerators();
    private static final List<ModelArchitecture> MODELS = List.copyOf(Catalog.models().values());

    @Provide
    Arbitrary<Accelerator> systems() {
        return Arbitraries.of(SYSTEMS);
    }

    @Provide
    Arbitrary<ModelArchitecture> models() {
        return Arbitraries.of(MODELS);
    }

    @Property
    void anEstimateIsFiniteAndNotNegative(@ForAll("models") ModelArchitecture m, @ForAll("systems") Accelerator a,
                                          @ForAll @IntRange(min = 1, max = Curves.MAX_BATCH) int batch,
                                          @ForAll @LongRange(min = 2, max = 1L << 30) long context,
                                          @ForAll @LongRange(min = 1, max = 1L << 30) long prompt) {
        Workload w = Workload.of(m, batch, context, Math.min(prompt, context - 1));
        PlacementSearch.Result result = PlacementSearch.search(m, a, w, PlacementSearch.Objective.INTERACTIVITY,
                PlacementSearch.Constraints.NONE, Economics.DEFAULT);
        Assume.that(!result.ranked().isEmpty());
        Estimate e = Estimator.estimate(m, a, w, result.ranked().get(0).placement(), null, List.of());
        for (double value : List.of(e.stepSeconds(), e.ttftSeconds(), e.tokensPerUserPerSecond(),
                e.tokensPerChipPerSecond())) {
            assertTrue(Double.isFinite(value) && value > 0, e.hardware() + " " + e.model() + ": " + e);
        }
        e.breakdown().forEach(line -> assertTrue(line.totalSeconds() >= 0 && Double.isFinite(line.totalSeconds())
                && line.bytes() >= 0 && line.flops() >= 0, line.toString()));
    }

    @Property
    void aLongerContextOrALargerBatchNeverMakesAStepFaster(
            @ForAll("models") ModelArchitecture m, @ForAll("systems") Accelerator a,
            @ForAll @IntRange(min = 1, max = Curves.MAX_BATCH / 2) int batch,
            @ForAll @LongRange(min = 2, max = 1L << 29) long context) {
        Workload w = Workload.of(m, batch, context, 1);
        PlacementSearch.Result result = PlacementSearch.search(m, a, w, PlacementSearch.Objective.INTERACTIVITY,
                PlacementSearch.Constraints.NONE, Economics.DEFAULT);
        Assume.that(!result.ranked().isEmpty());
        Placement p = result.ranked().get(0).placement();
        double step = step(m, a, w, p);
        for (Workload more : List.of(Workload.of(m, batch, 2 * context, 1), w.withBatch(2 * batch))) {
            Placements.Built built = Placements.build(m, a, more, p.shape());
            if (built.placement() != null && built.placement().stages().equals(p.stages())) {
                double longer = step(m, a, more, built.placement());
                assertTrue(longer >= step * (1 - 1e-12), a.id() + " " + m.id() + ": " + step + " s became " + longer
                        + " s at batch " + more.batch() + ", context " + more.contextTokens());
            }
        }
    }

    private static double step(ModelArchitecture m, Accelerator a, Workload w, Placement p) {
        return Estimator.estimate(m, a, w, p, null, List.of()).stepSeconds();
    }
}
