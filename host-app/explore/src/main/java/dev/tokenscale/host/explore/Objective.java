package dev.tokenscale.host.explore;

import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * What a user wants more (or less) of across designs; the Pareto set keeps every design that no other beats on all
 * the named objectives at once.
 *
 * @param kind          which metric
 * @param interactivity the tokens per user per second it is read at, for the metrics that need one
 */
public record Objective(Kind kind, double interactivity) {

    /** The metrics, with how they are spelled on the command line. */
    public enum Kind {
        /** Highest tokens per user per second ({@code max-interactivity}). */
        MAX_INTERACTIVITY("max-interactivity"),
        /** Lowest $ per million output tokens at an interactivity ({@code cost@100}). */
        COST("cost"),
        /** Most output tokens per second per MW of facility power at an interactivity ({@code tokens-per-mw@100}). */
        TOKENS_PER_MW("tokens-per-mw"),
        /** Highest tokens per chip per second ({@code max-throughput}). */
        MAX_THROUGHPUT("max-throughput");

        private final String spelling;

        Kind(String spelling) {
            this.spelling = spelling;
        }

        public String spelling() {
            return spelling;
        }
    }

    /** An objective as written: {@code max-interactivity}, {@code max-throughput}, {@code cost@100}, {@code tokens-per-mw@100}. */
    public static Objective parse(String written) {
        String text = written.trim().toLowerCase(Locale.ROOT);
        String[] parts = text.split("@", 2);
        for (Kind kind : Kind.values()) {
            if (kind.spelling.equals(parts[0])) {
                boolean needsSpeed = kind == Kind.COST || kind == Kind.TOKENS_PER_MW;
                if (needsSpeed != (parts.length == 2)) {
                    throw new IllegalArgumentException("'" + written + "': " + (needsSpeed ? "expected "
                            + kind.spelling + "@TOK/S, the interactivity it is read at" : kind.spelling
                            + " takes no @interactivity"));
                }
                double at = 0;
                if (needsSpeed) {
                    try {
                        at = Double.parseDouble(parts[1]);
                    } catch (NumberFormatException e) {
                        at = -1;
                    }
                    if (!(at > 0) || !Double.isFinite(at)) {
                        throw new IllegalArgumentException("'" + written + "': expected a positive tokens/s/user "
                                + "after @");
                    }
                }
                return new Objective(kind, at);
            }
        }
        throw new IllegalArgumentException("'" + written + "': expected max-interactivity, max-throughput, "
                + "cost@TOK/S or tokens-per-mw@TOK/S");
    }

    /** How it is written ({@code cost@100}). */
    public String spelling() {
        return kind.spelling + (interactivity > 0 ? "@" + DesignResult.number(interactivity) : "");
    }

    /** Whether more is better. */
    public boolean maximise() {
        return kind != Kind.COST;
    }

    /** The metric of one result, NaN when the design does not reach the interactivity. */
    public double of(DesignResult result) {
        ToDoubleFunction<DesignResult> metric = switch (kind) {
            case MAX_INTERACTIVITY -> DesignResult::maxInteractivity;
            case MAX_THROUGHPUT -> DesignResult::maxThroughputPerChip;
            case COST -> r -> r.costAt(interactivity);
            case TOKENS_PER_MW -> r -> r.tokensPerMegawattAt(interactivity);
        };
        return metric.applyAsDouble(result);
    }
}
