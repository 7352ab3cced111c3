package dev.tokenscale.host.engine;

import dev.tokenscale.api.ModelArchitecture;
import java.util.Objects;

/**
 * Speculative decoding: a draft model proposes {@code draftLength} tokens, the target verifies them in one pass,
 * and each drafted token is accepted with probability {@code acceptance} (Leviathan et al., arXiv 2211.17192).
 *
 * @param draft       the draft model
 * @param draftLength tokens drafted per verify step
 * @param acceptance  per-token acceptance probability, in [0, 1)
 */
public record Speculation(ModelArchitecture draft, int draftLength, double acceptance) {

    public Speculation {
        Objects.requireNonNull(draft, "draft");
        if (draftLength < 1 || !(acceptance >= 0 && acceptance < 1)) {
            throw new IllegalArgumentException("draft length must be >= 1 and acceptance in [0, 1)");
        }
    }

    /** Expected tokens committed per verify step: {@code (1 - a^(g+1)) / (1 - a)}. */
    public double tokensPerVerify() {
        return (1 - Math.pow(acceptance, draftLength + 1.0)) / (1 - acceptance);
    }
}
