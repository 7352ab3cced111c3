package dev.tokenscale.host.engine;

import dev.tokenscale.api.ModelArchitecture;
import java.util.Objects;

/**
 * Speculative decoding: a draft proposes {@code draftLength} tokens, the target verifies them in one pass, and each
 * drafted token is accepted with probability {@code acceptance} (Leviathan et al., arXiv 2211.17192). The draft is
 * either a model of its own, run whole on one device, or the target's multi-token-prediction modules, run on the
 * target's devices with its split.
 *
 * @param draft       the draft: a model, or the target's MTP modules as a model of their own
 * @param mtp         whether the draft is the target's MTP modules (placed with the target)
 * @param draftLength tokens drafted per verify step
 * @param acceptance  per-token acceptance probability, in [0, 1)
 */
public record Speculation(ModelArchitecture draft, boolean mtp, int draftLength, double acceptance) {

    /** The name that asks for a model's own multi-token-prediction modules as the draft. */
    public static final String MTP = "mtp";

    public Speculation {
        Objects.requireNonNull(draft, "draft");
        if (draftLength < 1 || !(acceptance >= 0 && acceptance < 1)) {
            throw new IllegalArgumentException("draft length must be >= 1 and acceptance in [0, 1)");
        }
    }

    /** A separate draft model. */
    public static Speculation withDraft(ModelArchitecture draft, int draftLength, double acceptance) {
        return new Speculation(draft, false, draftLength, acceptance);
    }

    /**
     * The target's own MTP modules as the draft, applied {@code draftLength} times in a row.
     *
     * @throws IllegalArgumentException when the target declares none
     */
    public static Speculation mtp(ModelArchitecture target, int draftLength, double acceptance) {
        if (target.mtpLayers() == 0) {
            throw new IllegalArgumentException(target.id() + " declares no multi-token-prediction modules "
                    + "(mtpLayers); give a draft model instead of " + MTP);
        }
        return new Speculation(ModelMath.mtpModules(target), true, draftLength, acceptance);
    }

    /** Expected tokens committed per verify step: {@code (1 - a^(g+1)) / (1 - a)}. */
    public double tokensPerVerify() {
        return (1 - Math.pow(acceptance, draftLength + 1.0)) / (1 - acceptance);
    }

    /** The draft as the user names it: a model id, or {@code mtp}. */
    public String draftName() {
        return mtp ? MTP : draft.id();
    }
}
