package dev.tokenscale.api;

import java.util.Objects;

/**
 * The unit that is bought and powered: an 8-GPU server, an NVL72 rack, one CS-3.
 *
 * @param name    e.g. "HGX H200 8-GPU server"
 * @param devices devices in one system
 */
public record SystemSpec(String name, Figure devices) {
    public SystemSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(devices, "devices");
    }
}
