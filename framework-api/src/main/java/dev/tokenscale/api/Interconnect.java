package dev.tokenscale.api;

import java.util.Objects;

/**
 * A link that devices use to talk to each other.
 *
 * @param name       short name, unique within the device (e.g. {@code "nvlink"}, {@code "system-io"})
 * @param scope      how far it reaches
 * @param bandwidth  bandwidth per device per direction, bytes/s
 * @param latency    latency of one point-to-point hop, seconds
 * @param domainSize how many devices it joins at this bandwidth
 */
public record Interconnect(String name, LinkScope scope, Figure bandwidth, Figure latency, Figure domainSize) {
    public Interconnect {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(bandwidth, "bandwidth");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(domainSize, "domainSize");
    }
}
