package dev.tokenscale.host.cli;

import dev.tokenscale.host.embed.EstimateRequest;
import java.util.Locale;

/**
 * Reads {@code --speculative DRAFT,LENGTH,ACCEPTANCE}: a draft model id or {@code mtp}, a length and a probability.
 * Read when the command runs rather than by picocli, so that a value out of range is the request's one-line error
 * (exit code 1), as it is over HTTP.
 */
final class SpeculativeOption {

    /** The option's help text, shared by every command that takes it. */
    static final String DESCRIPTION = "Speculative decoding with this draft (a model id, or mtp for the model's own "
            + "multi-token-prediction modules), draft length and per-token acceptance, e.g. mtp,3,0.8 or "
            + "llama-3.1-8b,4,0.7.";

    private SpeculativeOption() {
    }

    /** The speculation {@code value} asks for, or {@code null} when the option was not given. */
    static EstimateRequest.Speculative parse(String value) {
        if (value == null) {
            return null;
        }
        String[] parts = value.split(",", -1);
        if (parts.length != 3) {
            throw new UserException("--speculative '" + value + "': expected DRAFT,LENGTH,ACCEPTANCE, e.g. mtp,3,0.8");
        }
        int length;
        double acceptance;
        try {
            length = Integer.parseInt(parts[1].trim());
            acceptance = Double.parseDouble(parts[2].trim());
        } catch (NumberFormatException e) {
            throw new UserException(String.format(Locale.ROOT, "--speculative '%s': expected a whole draft length "
                    + "and an acceptance in [0, 1)", value));
        }
        return new EstimateRequest.Speculative(parts[0].trim(), length, acceptance);
    }
}
