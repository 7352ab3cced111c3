package dev.tokenscale.api;

import java.util.Objects;

/**
 * Power draw.
 *
 * @param device the chip's or wafer's own power (TDP), watts
 * @param system the whole system that holds {@link SystemSpec#devices()} devices (server, rack, CS-3), watts,
 *               before facility overheads (PUE)
 */
public record PowerSpec(Figure device, Figure system) {
    public PowerSpec {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(system, "system");
    }
}
