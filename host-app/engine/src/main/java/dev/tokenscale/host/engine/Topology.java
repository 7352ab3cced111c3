package dev.tokenscale.host.engine;

import dev.tokenscale.api.AcceleratorSpec;
import dev.tokenscale.api.Interconnect;
import dev.tokenscale.api.LinkScope;
import java.util.Comparator;
import java.util.Optional;

/** Which link joins which devices: the domains a stage's collectives and a pipeline's hops can use. */
public final class Topology {

    private Topology() {
    }

    /** The link that joins {@code devices} devices at the highest bandwidth, if any does. */
    public static Optional<Interconnect> linkFor(AcceleratorSpec spec, int devices) {
        return spec.interconnects().stream()
                .filter(l -> l.domainSize().value() >= devices)
                .max(Comparator.comparingDouble(l -> l.bandwidth().value()));
    }

    /**
     * The link a stage of {@code devices} devices runs its collectives over (all-reduces, expert all-to-alls): a
     * scale-up or chip-to-chip domain that large. Empty when none is; a single device needs no link ("").
     */
    public static Optional<String> parallelLink(AcceleratorSpec spec, int devices) {
        if (devices == 1) {
            return Optional.of("");
        }
        return spec.interconnects().stream()
                .filter(l -> l.scope() != LinkScope.SCALE_OUT && l.domainSize().value() >= devices)
                .map(Interconnect::name).findFirst();
    }

    /** The largest number of devices one scale-up or chip-to-chip domain joins (1 when none does). */
    public static int largestParallelDomain(AcceleratorSpec spec) {
        return spec.interconnects().stream().filter(l -> l.scope() != LinkScope.SCALE_OUT)
                .mapToInt(l -> (int) l.domainSize().value()).max().orElse(1);
    }

    /** The link a KV cache travels over between instances: the fastest scale-out link, else the widest domain. */
    public static Optional<Interconnect> transferLink(AcceleratorSpec spec) {
        return spec.interconnect(LinkScope.SCALE_OUT)
                .or(() -> spec.interconnects().stream().max(Comparator.comparingDouble(l -> l.domainSize().value())));
    }
}
