package dev.tokenscale.host.spec;

/**
 * A figure as written in a file: a number or {@code "number unit"}, its source and an optional note.
 *
 * @param value  the written value
 * @param source a URL or {@code "estimate: why"}
 * @param note   optional context
 */
public record FigureFile(Object value, String source, String note) {
}
