package dev.tokenscale.api;

import java.util.Objects;

/**
 * One memory tier of a device.
 *
 * @param name      short name, unique within the device (e.g. {@code "hbm"}, {@code "sram"}, {@code "kv-storage"})
 * @param kind      what it is built from
 * @param capacity  capacity per device in bytes
 * @param bandwidth bandwidth per device in bytes/s
 * @param via       name of the interconnect through which the tier is reached, or {@code null} when it is local
 */
public record MemoryTier(String name, MemoryKind kind, Figure capacity, Figure bandwidth, String via) {
    public MemoryTier {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(capacity, "capacity");
        Objects.requireNonNull(bandwidth, "bandwidth");
    }
}
