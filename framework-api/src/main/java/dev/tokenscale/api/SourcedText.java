package dev.tokenscale.api;

import java.util.Objects;

/**
 * A fact that is text rather than a number (a process node such as "TSMC N5"), with its source.
 *
 * @param value  the fact
 * @param source a URL or {@code "estimate: why"}
 * @param note   optional context; may be {@code null}
 */
public record SourcedText(String value, String source, String note) {
    public SourcedText {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(source, "source");
        if (source.isBlank()) {
            throw new IllegalArgumentException("a fact needs a source (a URL or \"estimate: why\")");
        }
    }
}
