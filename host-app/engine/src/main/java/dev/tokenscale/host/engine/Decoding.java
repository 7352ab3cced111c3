package dev.tokenscale.host.engine;

import dev.tokenscale.api.ModelArchitecture;

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

    /** The workload a draft step runs: the target's for MTP modules, the draft model's own precisions otherwise. */
    static Workload draftWorkload(Workload w, Speculation s) {
        return s.mtp() ? w : Workload.of(s.draft(), w.batch(), w.contextTokens(), w.promptTokens());
    }

    /**
     * Where a draft step runs: MTP modules on the devices of the target's last stage, split like it; a draft model
     * whole on one device.
     */
    static Shard draftShard(ModelArchitecture target, Accelerator a, Placement p, Speculation s) {
        if (!s.mtp()) {
            return Shard.whole(s.draft(), a.spec());
        }
        Shard last = p.stages().get(p.stages().size() - 1);
        return new Shard(0, s.draft().layers(), true, true, last.shape(), last.expertImbalance(), last.weightTier(),
                last.kvTier(), null, 0, last.parallelLink());
    }

    /** Seconds of one draft step for {@code sequences} sequences at this context. */
    static double draftSeconds(ModelArchitecture target, Accelerator a, Workload w, Placement p, Speculation s,
                               int sequences) {
        return StepTime.seconds(s.draft(), a, draftWorkload(w, s), draftShard(target, a, p, s),
                Pass.decode(sequences, w.contextTokens()));
    }
}
