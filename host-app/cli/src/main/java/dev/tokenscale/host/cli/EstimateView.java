package dev.tokenscale.host.cli;

import dev.tokenscale.host.engine.Estimate;
import dev.tokenscale.host.engine.Estimate.BreakdownLine;
import dev.tokenscale.host.engine.Estimate.StageView;
import dev.tokenscale.host.engine.Estimate.TierUse;
import dev.tokenscale.host.units.Units;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Prints an estimate for people: the headline numbers, memory per stage and tier, and the breakdown. */
final class EstimateView {

    private EstimateView() {
    }

    static void print(Output out, Estimate e, boolean explain) {
        out.line(String.format(Locale.ROOT, "%s on %s · batch %,d · context %,d · prompt %,d · weights %s · KV %s",
                e.model(), e.hardware(), e.batch(), e.contextTokens(), e.promptTokens(),
                weights(e.weightPrecision(), e.expertPrecision()), e.kvPrecision()));
        e.warnings().forEach(w -> out.line("warning: " + w));
        if (!e.fits()) {
            out.line("does not fit: " + e.fitProblem());
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("placement", e.placement().label() + " (" + e.devices() + " devices)"));
        rows.add(List.of("tokens/s/user", Units.count(e.tokensPerUserPerSecond())));
        rows.add(List.of("tokens/s/chip", Units.count(e.tokensPerChipPerSecond())));
        rows.add(List.of("time per token", Units.seconds(e.stepSeconds())));
        rows.add(List.of("time to first token", Units.seconds(e.ttftSeconds())));
        rows.add(List.of("limited by", e.limitedBy()));
        if (e.placement().hops() != null) {
            rows.add(List.of("hops per token", String.format(Locale.ROOT, "%d over %s, %s, %s each",
                    e.placement().hops().count(), e.placement().hops().link(),
                    Units.seconds(e.placement().hops().latencySeconds()),
                    Units.si(e.placement().hops().bytesPerHop(), "B"))));
        }
        if (e.speculation() != null) {
            rows.add(List.of("speculation", String.format(Locale.ROOT,
                    "%s drafts %d, acceptance %.2f: %.2f tokens per verify, %.2fx speed",
                    e.speculation().draftModel(), e.speculation().draftLength(), e.speculation().acceptance(),
                    e.speculation().tokensPerVerify(), e.speculation().speedup())));
        }
        for (int s = 0; s < e.placement().stages().size(); s++) {
            StageView stage = e.placement().stages().get(s);
            List<String> tiers = new ArrayList<>();
            for (TierUse use : stage.memory()) {
                tiers.add(String.format(Locale.ROOT, "%s %s weights + %s KV of %s usable", use.tier(),
                        Units.si(use.weightBytes(), "B"), Units.si(use.kvBytes(), "B"),
                        Units.si(use.capacityBytes(), "B")));
            }
            rows.add(List.of(String.format(Locale.ROOT, "stage %d (layers %d-%d)", s, stage.firstLayer(),
                    stage.endLayer() - 1), String.join("; ", tiers) + " per device"));
        }
        out.table(List.of("", ""), rows);
        if (explain) {
            explain(out, e);
        } else {
            out.line("why: add --explain for every term (bytes, FLOPs, latency, bound) of the step time");
        }
    }

    /** Weight precisions in words: {@code bf16}, or {@code bf16, experts mxfp4} when the experts differ. */
    static String weights(String weights, String experts) {
        return experts.equals(weights) ? weights : weights + ", experts " + experts;
    }

    private static void explain(Output out, Estimate e) {
        List<List<String>> rows = new ArrayList<>();
        for (BreakdownLine line : e.breakdown()) {
            rows.add(List.of(line.stage() < 0 ? "-" : String.valueOf(line.stage()), line.group(), line.name(),
                    String.valueOf(line.count()), line.resource(), Units.si(line.bytes(), "B"),
                    Units.si(line.flops(), "FLOP"), Units.seconds(line.memorySeconds()),
                    Units.seconds(line.computeSeconds()), Units.seconds(line.latencySeconds()),
                    line.bound().toLowerCase(Locale.ROOT), Units.seconds(line.totalSeconds()),
                    String.format(Locale.ROOT, "%.1f%%", 100 * line.totalSeconds() / e.stepSeconds())));
        }
        out.line("");
        out.line("step time = sum of count x (latency + max(memory, compute)) over every operation:");
        out.table(List.of("stage", "group", "operation", "count", "reads", "bytes", "FLOPs", "memory", "compute",
                "latency", "bound", "total", "share"), rows);
        out.line(String.format(Locale.ROOT, "total %s", Units.seconds(e.stepSeconds())));
    }
}
