package dev.tokenscale.host.cli;

import dev.tokenscale.host.embed.EstimateRequest;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --speculative DRAFT,LENGTH,ACCEPTANCE}: a draft model id or {@code mtp}, a length and a probability. */
final class SpeculativeOption implements ITypeConverter<EstimateRequest.Speculative> {

    /** The option's help text, shared by every command that takes it. */
    static final String DESCRIPTION = "Speculative decoding with this draft (a model id, or mtp for the model's own "
            + "multi-token-prediction modules), draft length and per-token acceptance, e.g. mtp,3,0.8 or "
            + "llama-3.1-8b,4,0.7.";

    @Override
    public EstimateRequest.Speculative convert(String value) {
        String[] parts = value.split(",");
        if (parts.length != 3) {
            throw new TypeConversionException("'" + value + "': expected DRAFT,LENGTH,ACCEPTANCE, e.g. mtp,3,0.8");
        }
        try {
            return new EstimateRequest.Speculative(parts[0].trim(), Integer.parseInt(parts[1].trim()),
                    Double.parseDouble(parts[2].trim()));
        } catch (NumberFormatException e) {
            throw new TypeConversionException(String.format(Locale.ROOT, "'%s': expected a draft length of 1 or more "
                    + "and an acceptance in [0, 1)", value));
        }
    }
}
