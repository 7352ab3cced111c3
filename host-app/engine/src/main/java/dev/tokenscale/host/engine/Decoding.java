package dev.tokenscale.host.engine;

import dev.tokenscale.api.ModelArchitecture;
import dev.tokenscale.host.engine.Estimate.BreakdownLine;
import java.util.List;

/**
 * One decoding step of a placement, with or without speculative decoding: the pass the target runs (one new token
 * per sequence, or the draft length plus one to verify) and the draft steps before it, on the devices that run
 * them.
 */
final class Decoding {

    private Decoding() {
    }

    /** The target's pass of one step: a decode step, or a verify pass over the drafted tokens. */
    static Pass targetPass(int sequences, long contextTokens, Speculation speculation) {
        return speculation == null ? Pass.decode(sequences, contextTokens)
                : new Pass(sequences, speculation.draftLength() + 1L, contextTokens);
    }

    /** Tokens a step commits per sequence: 1, or the expected tokens per verify. */
    static double tokensPerStep(Speculation speculation) {
        return speculation == null ? 1 : speculation.tokensPerVerify();
    }

    /**
     * Seconds of one draft step for {@code sequences} sequences at the workload's context; with {@code lines}, its
     * terms. MTP modules run on the devices of the target's last stage, split like it, at the target's precisions;
     * a draft model runs on the same hardware in its own fastest placement ({@link Estimator#draftPlacement}).
     */
    static double draftSeconds(ModelArchitecture target, Accelerator a, Workload w, Placement p, Speculation s,
                               int sequences, List<BreakdownLine> lines) {
        Pass pass = Pass.decode(sequences, w.contextTokens());
        if (s.mtp()) {
            Shard last = p.stages().get(p.stages().size() - 1);
            Shard modules = new Shard(0, s.draft().layers(), true, true, last.shape().withStages(1, 1),
                    last.expertImbalance(), last.weightTier(), last.kvTier(), null, 0, last.parallelLink());
            Placement onLastStage = new Placement(modules.shape(), target.isMoe(), List.of(modules), null);
            return Estimator.cycle(s.draft(), a, w, onLastStage, pass, lines);
        }
        Workload draftWorkload = Workload.of(s.draft(), w.batch(), w.contextTokens(), w.promptTokens());
        return Estimator.cycle(s.draft(), a, draftWorkload, Estimator.draftPlacement(s.draft(), a, draftWorkload),
                pass, lines);
    }
}
