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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a placement into an estimate. A token of one sequence passes every stage in turn and hops between them, so
 * its time is the sum of the stages' step times plus the hops; with several micro-batches in flight the slowest
 * stage can make the others wait, and the cycle is the longer of the two. Interactivity is 1 / cycle (times the
 * speculative tokens per verify); throughput per chip is batch x interactivity / devices.
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

    /** The full estimate, with every term of the step time. */
    public static Estimate estimate(ModelArchitecture m, Accelerator a, Workload w, Placement p,
                                    Speculation speculation, List<String> warnings) {
        int micro = micro(w, p);
        List<BreakdownLine> lines = new ArrayList<>();
        Pass decode = speculation == null ? Pass.decode(micro, w.contextTokens())
                : new Pass(micro, speculation.draftLength() + 1L, w.contextTokens());
        double cycle = cycle(m, a, w, p, decode, lines);
        double perUser = 1 / cycle;
        SpeculationView speculationView = null;
        if (speculation != null) {
            Workload draftWorkload = Workload.of(speculation.draft(), w.batch(), w.contextTokens(), w.promptTokens());
            Shard draftShard = Shard.whole(speculation.draft(), a.spec());
            double draftSeconds = StepTime.seconds(speculation.draft(), a, draftWorkload, draftShard,
                    Pass.decode(micro, w.contextTokens()));
            for (OpCost line : StepTime.explain(speculation.draft(), a, draftWorkload, draftShard,
                    Pass.decode(micro, w.contextTokens()))) {
                lines.add(line(-2, "draft x " + speculation.draftLength() + ": " + line.group(),
                        line.count() * speculation.draftLength(), line.op(), line.timing()));
            }
            double verifySeconds = cycle;
            cycle = verifySeconds + speculation.draftLength() * draftSeconds;
            perUser = speculation.tokensPerVerify() / cycle;
            double plain = 1 / cycle(m, a, w, p, Pass.decode(micro, w.contextTokens()), null);
            speculationView = new SpeculationView(speculation.draft().id(), speculation.draftLength(),
                    speculation.acceptance(), speculation.tokensPerVerify(), verifySeconds, draftSeconds,
                    perUser / plain);
        }
        double ttft = prefillSeconds(m, a, w, p);
        return new Estimate(m.id(), a.id(), w.batch(), w.contextTokens(), w.promptTokens(), name(w.weights()),
                name(w.experts()), name(w.kv()), cycle, ttft, perUser, w.batch() * perUser / p.devices(), p.devices(),
                true, null,
                limitedBy(lines, p), view(m, a, w, p, micro), speculationView, List.copyOf(warnings),
                List.copyOf(lines));
    }

    /** Time to first token: the prefill of one prompt through every stage, one micro-batch in flight. */
    public static double prefillSeconds(ModelArchitecture m, Accelerator a, Workload w, Placement p) {
        return cycle(m, a, w, new Placement(p.pipelineStages(), p.tensorParallel(), p.expertParallel(), 1,
                p.stages(), p.hopLink()), Pass.prefill(w.promptTokens()), null);
    }

    /** The estimate of a placement that does not fit: the reason, and no speeds. */
    public static Estimate doesNotFit(ModelArchitecture m, Accelerator a, Workload w, String problem,
                                      List<String> warnings) {
        return new Estimate(m.id(), a.id(), w.batch(), w.contextTokens(), w.promptTokens(), name(w.weights()),
                name(w.experts()), name(w.kv()), Double.NaN, Double.NaN, 0, 0, 0, false, problem, "memory", null, null,
                List.copyOf(warnings), List.of());
    }

    private static int micro(Workload w, Placement p) {
        return (int) Math.ceil((double) w.batch() / p.microBatches());
    }

    /**
     * Time between two output tokens of one sequence; when {@code lines} is given, every term is added to it so
     * that their totals sum to the result.
     */
    private static double cycle(ModelArchitecture m, Accelerator a, Workload w, Placement p, Pass pass,
                                List<BreakdownLine> lines) {
        double path = 0;
        double slowest = 0;
        double hop = 0;
        Operation hopOp = null;
        OpTiming hopTiming = null;
        if (p.pipelineStages() > 1) {
            double bytes = pass.tokens() * m.hiddenSize() * StepOps.ACTIVATION_BYTES;
            hopOp = new Operation(OpKind.TRANSFER, "activations to the next stage", 0, bytes, p.hopLink(),
                    w.weights(), 1);
            hopTiming = a.checkedModel().time(hopOp);
            hop = hopTiming.seconds();
        }
        for (int s = 0; s < p.stages().size(); s++) {
            Shard shard = p.stages().get(s);
            double stage;
            if (lines == null) {
                stage = StepTime.seconds(m, a, w, shard, pass);
            } else {
                List<OpCost> costs = StepTime.explain(m, a, w, shard, pass);
                stage = StepTime.total(costs);
                for (OpCost cost : costs) {
                    lines.add(line(s, cost.group(), cost.count(), cost.op(), cost.timing()));
                }
            }
            path += stage;
            slowest = Math.max(slowest, stage + hop);
        }
        int hops = p.pipelineStages() - 1;
        path += hops * hop;
        if (lines != null && hops > 0) {
            lines.add(line(-1, "pipeline", hops, hopOp, hopTiming));
        }
        double cycle = Math.max(path, p.microBatches() * slowest);
        if (lines != null && cycle > path) {
            double wait = cycle - path;
            lines.add(line(-1, "pipeline", 1, new Operation(OpKind.TRANSFER, "wait for the slowest stage ("
                    + p.microBatches() + " micro-batches in flight)", 0, 0, p.hopLink(), w.weights(), 1),
                    new OpTiming(wait, 0, 0, wait, Bound.LATENCY)));
        }
        return cycle;
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
            }
        }
        Bound top = byBound.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .orElse(Bound.LATENCY);
        double share = total > 0 ? 100 * byBound.getOrDefault(top, 0.0) / total : 0;
        String what = switch (top) {
            case MEMORY -> {
                Map.Entry<String, Double> tier = bytesByTier.entrySet().stream()
                        .max(Map.Entry.comparingByValue()).orElseThrow();
                yield String.format(Locale.ROOT, "memory: %s %.1f GB per step", tier.getKey(), tier.getValue() / 1e9);
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
                    memory.add(new TierUse(tier.name(), Placements.usable(spec, tier), weights, kv));
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
        return new PlacementView(p.label(), p.devices(), p.pipelineStages(), p.tensorParallel(),
                p.expertParallel(), p.microBatches(), stages, hops);
    }
}
