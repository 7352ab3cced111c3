package dev.tokenscale.api;

import java.util.Objects;

/**
 * Facts about the silicon. Only the process node is required; the rest is {@code null} when unpublished.
 *
 * @param processNode the foundry process, e.g. "TSMC N5"
 * @param dieArea     total silicon area in mm2
 * @param dies        number of dies (84 exposure dies for a wafer-scale engine)
 * @param transistors transistor count
 * @param cores       processing elements or cores
 * @param clock       clock frequency in Hz
 */
public record Silicon(SourcedText processNode, Figure dieArea, Figure dies, Figure transistors, Figure cores,
                      Figure clock) {
    public Silicon {
        Objects.requireNonNull(processNode, "processNode");
    }
}
