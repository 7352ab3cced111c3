package dev.tokenscale.host.engine;

import dev.tokenscale.api.AcceleratorSpec;
import dev.tokenscale.api.Bound;
import dev.tokenscale.api.MemoryTier;
import dev.tokenscale.api.ModelArchitecture;
import dev.tokenscale.api.OpKind;
import dev.tokenscale.api.OpTiming;
import dev.tokenscale.api.Operation;
import dev.tokenscale.host.engine.Estimate.BreakdownLine;
import dev.tokenscale.host.engine.Estimate.HopView;
import dev.tokenscale.host.engine.Estimate.PlacementView;
import dev.tokenscale.host.engine.Estimate.SpeculationView;
import dev.tokenscale.host.engine.Estimate.StageView;
import dev.tokenscale.host.engine.Estimate.TierUse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a placement into an estimate. A token of one sequence passes every stage in turn and hops between them, so
 * its time is the sum of the stages' step times plus the hops; with several micro-batches in flight the busiest
 * stage can make the others wait: each micro-batch holds a stage for the stage's busy time (its operations'
 * occupancy, see {@link dev.tokenscale.api.OpTiming}) and its link for the hop's, and the cycle is the longer of
 * the path and micro-batches x that busiest interval. Interactivity is 1 / cycle (times the speculative tokens
 * per verify); throughput per chip is batch x interactivity / devices.
 */
public final class Estimator {

    private Estimator() {
    }

    /** Tokens per user per second and per chip per second, without the breakdown (the fast path for sweeps). */
    public static double[] speeds(ModelArchitecture m, Accelerator a, Workload w, Placement p) {
        double cycle = cycle(m, a, w, p, Pass.decode(micro(w, p), w.contextTokens()), null);
        double perUser = 1 / cycle;
        return new double[] {perUser, w.batch() * perUser / p.devices()};
    }

    /**
     * Micro-batches of one sequence each that keep every stage busy: the path of one over the busiest stage's
     * interval, rounded up (one per stage on devices that run one operation at a time; more on devices that
     * pipeline inside).
     */
    static int pipelineFill(ModelArchitecture m, Accelerator a, Workload w, Placement p) {
        double[] pathAndBusiest = pathAndBusiest(m, a, w, p, Pass.decode(1, w.contextTokens()));
        return (int) Math.min(Integer.MAX_VALUE, Math.ceil(pathAndBusiest[0] / pathAndBusiest[1] - 1e-9));
    }

    /** The full estimate, with every term of the step time. */
    public static Estimate estimate(ModelArchitecture m, Accelerator a, Workload w, Placement p,
                                    Speculation speculation, List<String> warnings) {
        int micro = micro(w, p);
        List<BreakdownLine> lines = new ArrayList<>();
        double cycle = cycle(m, a, w, p, Decoding.targetPass(micro, w.contextTokens(), speculation), lines);
        double perUser = 1 / cycle;
        SpeculationView speculationView = null;
        if (speculation != null) {
            int g = speculation.draftLength();
            List<BreakdownLine> draftLines = new ArrayList<>();
            double draftSeconds = Decoding.draftSeconds(m, a, w, p, speculation, micro, draftLines);
            for (BreakdownLine line : draftLines) {
                lines.add(new BreakdownLine(-2, "draft x " + g + ": " + line.group(), line.name(), line.kind(),
                        line.count() * g, line.resource(), line.bytes(), line.flops(), line.seconds(),
                        line.totalSeconds() * g, line.memorySeconds(), line.computeSeconds(), line.latencySeconds(),
                        line.bound()));
            }
            double verifySeconds = cycle;
            cycle = verifySeconds + g * draftSeconds;
            perUser = speculation.tokensPerVerify() / cycle;
            double plain = 1 / cycle(m, a, w, p, Pass.decode(micro, w.contextTokens()), null);
            speculationView = new SpeculationView(speculation.draftName(), g, speculation.acceptance(),
                    speculation.tokensPerVerify(), verifySeconds, draftSeconds, perUser / plain);
        }
        double ttft = prefillSeconds(m, a, w, p);
        return new Estimate(m.id(), a.id(), w.batch(), w.contextTokens(), w.promptTokens(), name(w.weights()),
                name(w.experts()), name(w.kv()), cycle, ttft, perUser, w.batch() * perUser / p.devices(), p.devices(),
                Estimate.ONE_INSTANCE, true, null,
                limitedBy(lines, p), view(m, a, w, p, micro), speculationView, List.copyOf(warnings),
                List.copyOf(lines));
    }

    /**
     * The estimate of one decode instance as part of pools of {@code prefill} prefill and {@code decode} decode
     * instances of its placement ({@code --placement ...,pools=2:7}): per chip over both pools, time to first token
     * from a prefill instance ({@link Serving#prefillPool}); the decode pool waits for prompts when the prefill
     * pool cannot keep up, which a warning says. A system without a link to send KV caches over does not fit.
     */
    public static Estimate inPools(Estimate e, ModelArchitecture m, Accelerator a, Workload w, Placement p,
                                   int prefill, int decode) {
        OperatingPoint.Request request = OperatingPoint.Request.of(w);
        Optional<Serving.PrefillPool> pool = Serving.prefillPool(m, a, w, p, request);
        if (pool.isEmpty()) {
            return doesNotFit(m, a, w, a.id() + " has no link to send KV caches from prefill to decode instances",
                    e.warnings());
        }
        double perStep = e.speculation() == null ? 1 : e.speculation().tokensPerVerify();
        double demand = decode * w.batch() * perStep / e.stepSeconds() / request.outputTokens();
        double supply = prefill * pool.get().promptsPerSecond();
        List<String> warnings = supply >= demand ? List.of() : List.of(String.format(Locale.ROOT,
                "%d prefill instances send %.3g prompts/s, %d decode instances could take %.3g: the decode pool "
                        + "waits for prompts", prefill, supply, decode, demand));
        return e.inPools(prefill, decode, Math.min(demand, supply) * request.outputTokens(),
                pool.get().passSeconds() + pool.get().transferSeconds(), warnings);
    }

    /**
     * Where a draft model runs: on the same hardware as the target, in its fastest placement of the fewest stages
     * that hold it (a draft of one layer fits one wafer; on small-SRAM chips it is split like any model).
     */
    static Placement draftPlacement(ModelArchitecture draft, Accelerator a, Workload w) {
        Placement best = null;
        double fastest = 0;
        for (Shape stage : PlacementSearch.stageShapes(draft, a.spec(), Integer.MAX_VALUE)) {
            int stages = Placements.minimumStages(draft, a, w, stage);
            Placement candidate = stages < 1 ? null
                    : Placements.build(draft, a, w, stage.withStages(stages, 1)).placement();
            if (candidate != null) {
                double speed = speeds(draft, a, w.withBatch(1), candidate)[0];
                if (speed > fastest) {
                    fastest = speed;
                    best = candidate;
                }
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("draft " + draft.id() + " does not fit " + a.id());
        }
        return best;
    }

    /** Time to first token: the prefill of one prompt through every stage, one micro-batch in flight. */
    public static double prefillSeconds(ModelArchitecture m, Accelerator a, Workload w, Placement p) {
        return cycle(m, a, w, new Placement(p.shape().withStages(p.pipelineStages(), 1), p.moe(), p.stages(),
                p.hopLink()), Pass.prefill(w.promptTokens()), null);
    }

    /** The estimate of a placement that does not fit: the reason, and no speeds. */
    public static Estimate doesNotFit(ModelArchitecture m, Accelerator a, Workload w, String problem,
                                      List<String> warnings) {
        return new Estimate(m.id(), a.id(), w.batch(), w.contextTokens(), w.promptTokens(), name(w.weights()),
                name(w.experts()), name(w.kv()), Double.NaN, Double.NaN, 0, 0, 0, Estimate.ONE_INSTANCE, false, problem,
                "memory", null, null,
                List.copyOf(warnings), List.of());
    }

    static int micro(Workload w, Placement p) {
        return (int) Math.ceil((double) w.batch() / p.microBatches());
    }

    /**
     * Time between two output tokens of one sequence; when {@code lines} is given, every term is added to it so
     * that their totals sum to the result.
     */
    static double cycle(ModelArchitecture m, Accelerator a, Workload w, Placement p, Pass pass,
                        List<BreakdownLine> lines) {
        double[] pathAndBusiest = pathAndBusiest(m, a, w, p, pass, lines);
        double path = pathAndBusiest[0];
        double busiest = pathAndBusiest[1];
        double cycle = Math.max(path, p.microBatches() * busiest);
        if (lines != null && cycle > path) {
            lines.add(queueing(p, busiest, path, w));
        }
        return cycle;
    }

    /**
     * The pipeline's queueing term: the busiest stage holds each of the M micro-batches in flight for its busy
     * interval in turn, so between two tokens of one micro-batch it serves the other M - 1, (M - 1) x busiest,
     * while that micro-batch spends only the rest of its path, path - busiest, in the other stages and hops. The
     * difference is the time its token queues; it is a term of the breakdown whenever it is positive.
     */
    private static BreakdownLine queueing(Placement p, double busiest, double path, Workload w) {
        int others = p.microBatches() - 1;
        double queued = others * busiest - (path - busiest);
        Operation queue = new Operation(OpKind.TRANSFER, "queueing while the busiest stage serves the other "
                + others + " micro-batch" + (others == 1 ? "" : "es"), 0, 0,
                p.hopLink() == null ? "" : p.hopLink(), w.weights(), 1);
        return line(-1, "pipeline", 1, queue, new OpTiming(queued, 0, 0, queued, Bound.LATENCY));
    }

    private static double[] pathAndBusiest(ModelArchitecture m, Accelerator a, Workload w, Placement p, Pass pass) {
        return pathAndBusiest(m, a, w, p, pass, null);
    }

    /**
     * The time of one micro-batch through every stage and hop, and the busiest stage's interval (its busy time plus
     * its link's); with {@code lines}, the terms of the path.
     */
    private static double[] pathAndBusiest(ModelArchitecture m, Accelerator a, Workload w, Placement p, Pass pass,
                                           List<BreakdownLine> lines) {
        double path = 0;
        double busiest = 0;
        double hop = 0;
        double hopBusy = 0;
        Operation hopOp = null;
        OpTiming hopTiming = null;
        if (p.pipelineStages() > 1) {
            double bytes = pass.tokens() * m.hiddenSize() * StepOps.ACTIVATION_BYTES;
            hopOp = new Operation(OpKind.TRANSFER, "activations to the next stage", 0, bytes, p.hopLink(),
                    w.weights(), 1);
            hopTiming = a.checkedModel().time(hopOp);
            hop = hopTiming.seconds();
            hopBusy = hopTiming.occupancySeconds();
        }
        // Stages of a long pipeline mostly hold the same mix of layers: each mix is timed once.
        Map<StepOps.StageMix, StepTime.Stage> timed = new HashMap<>();
        for (int s = 0; s < p.stages().size(); s++) {
            Shard shard = p.stages().get(s);
            StepTime.Stage stage;
            if (lines == null) {
                stage = timed.computeIfAbsent(StepOps.StageMix.of(m, shard),
                        mix -> StepTime.stage(m, a, w, shard, pass));
            } else {
                List<OpCost> costs = StepTime.explain(m, a, w, shard, pass);
                stage = new StepTime.Stage(StepTime.total(costs), StepTime.busy(costs));
                for (OpCost cost : costs) {
                    lines.add(line(s, cost.group(), cost.count(), cost.op(), cost.timing()));
                }
            }
            path += stage.seconds();
            busiest = Math.max(busiest, stage.busySeconds() + hopBusy);
        }
        int hops = p.pipelineStages() - 1;
        path += hops * hop;
        if (lines != null && hops > 0) {
            lines.add(line(-1, "pipeline", hops, hopOp, hopTiming));
        }
        return new double[] {path, busiest};
    }

    private static BreakdownLine line(int stage, String group, int count, Operation op, OpTiming t) {
        return new BreakdownLine(stage, group, op.name(), op.kind().name(), count, op.resource(), op.bytes(),
                op.flops(), t.seconds(), count * t.seconds(), t.memorySeconds(), t.computeSeconds(),
                t.latencySeconds(), t.bound().name());
    }

    private static String name(dev.tokenscale.api.Precision precision) {
        return precision.name().toLowerCase(Locale.ROOT);
    }

    /** What dominates the step, in words a modeler can check against the breakdown. */
    static String limitedBy(List<BreakdownLine> lines, Placement p) {
        Map<Bound, Double> byBound = new EnumMap<>(Bound.class);
        Map<String, Double> bytesByTier = new LinkedHashMap<>();
        Map<String, Double> memorySecondsByTier = new LinkedHashMap<>();
        double total = 0;
        int latencyOps = 0;
        for (BreakdownLine line : lines) {
            if (line.stage() < 0 && line.group().equals("pipeline")) {
                continue;
            }
            Bound bound = Bound.valueOf(line.bound());
            byBound.merge(bound, line.totalSeconds(), Double::sum);
            total += line.totalSeconds();
            if (bound == Bound.LATENCY) {
                latencyOps += line.count();
            }
            if (!line.kind().equals(OpKind.TRANSFER.name()) && !line.kind().startsWith("ALL_")) {
                bytesByTier.merge(line.resource(), line.bytes() * line.count(), Double::sum);
                if (bound == Bound.MEMORY) {
                    memorySecondsByTier.merge(line.resource(), line.totalSeconds(), Double::sum);
                }
            }
        }
        Bound top = byBound.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .orElse(Bound.LATENCY);
        double share = total > 0 ? 100 * byBound.getOrDefault(top, 0.0) / total : 0;
        String what = switch (top) {
            case MEMORY -> {
                // The tier whose reads take the most time (a slow spill tier can bind with fewer bytes).
                String tier = memorySecondsByTier.entrySet().stream().max(Map.Entry.comparingByValue())
                        .orElseThrow().getKey();
                yield String.format(Locale.ROOT, "memory: %s %.1f GB per step", tier, bytesByTier.get(tier) / 1e9);
            }
            case COMPUTE -> "compute";
            case NETWORK -> "interconnect transfers";
            case LATENCY -> String.format(Locale.ROOT, "fixed per-op latency: %d ops per step", latencyOps);
        };
        String hops = p.pipelineStages() > 1 ? " + " + (p.pipelineStages() - 1) + " hops" : "";
        return String.format(Locale.ROOT, "%s (%.0f%% of the step)%s", what, share, hops);
    }

    private static PlacementView view(ModelArchitecture m, Accelerator a, Workload w, Placement p, int micro) {
        AcceleratorSpec spec = a.spec();
        List<StageView> stages = new ArrayList<>();
        for (Shard shard : p.stages()) {
            Footprint footprint = Footprint.of(m, w, shard, w.batch());
            List<TierUse> memory = new ArrayList<>();
            double spilled = footprint.kvBytes() * shard.kvSpillShare();
            for (MemoryTier tier : spec.memory()) {
                double weights = tier.name().equals(shard.weightTier()) ? footprint.weightBytes() : 0;
                double kv = (tier.name().equals(shard.kvTier()) ? footprint.kvBytes() - spilled : 0)
                        + (tier.name().equals(shard.kvSpillTier()) ? spilled : 0);
                if (weights > 0 || kv > 0) {
                    memory.add(new TierUse(tier.name(), MemoryBudget.usable(spec, tier), weights, kv));
                }
            }
            stages.add(new StageView(shard.firstLayer(), shard.endLayer(), memory));
        }
        HopView hops = null;
        if (p.pipelineStages() > 1) {
            double bytes = (double) micro * m.hiddenSize() * StepOps.ACTIVATION_BYTES;
            Operation hop = new Operation(OpKind.TRANSFER, "hop", 0, bytes, p.hopLink(), w.weights(), 1);
            hops = new HopView(p.pipelineStages() - 1, p.hopLink(),
                    (p.pipelineStages() - 1) * a.checkedModel().time(hop).seconds(), bytes);
        }
        return new PlacementView(p.label(), p.devices(), p.pipelineStages(), p.tensorParallel(), p.dataParallel(),
                p.expertParallel(), p.microBatches(), stages, hops);
    }
}
