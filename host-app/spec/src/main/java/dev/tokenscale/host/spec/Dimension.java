package dev.tokenscale.host.spec;

import java.util.Map;

/**
 * What a spec field measures, with the units a human may write for it and their factor to SI. Decimal prefixes are
 * SI (1 GB = 1e9 bytes); binary prefixes are explicit (1 GiB = 2^30 bytes).
 */
public enum Dimension {
    BYTES("bytes", Map.ofEntries(Map.entry("B", 1.0), Map.entry("KB", 1e3), Map.entry("MB", 1e6),
            Map.entry("GB", 1e9), Map.entry("TB", 1e12), Map.entry("PB", 1e15), Map.entry("KiB", 1024.0),
            Map.entry("MiB", 1048576.0), Map.entry("GiB", 1073741824.0), Map.entry("TiB", 1099511627776.0))),
    BANDWIDTH("bytes per second", Map.ofEntries(Map.entry("B/s", 1.0), Map.entry("KB/s", 1e3),
            Map.entry("MB/s", 1e6), Map.entry("GB/s", 1e9), Map.entry("TB/s", 1e12), Map.entry("PB/s", 1e15),
            Map.entry("Gb/s", 1e9 / 8), Map.entry("Tb/s", 1e12 / 8), Map.entry("Pb/s", 1e15 / 8),
            Map.entry("Mb/s", 1e6 / 8))),
    FLOPS("operations per second", Map.ofEntries(Map.entry("FLOPS", 1.0), Map.entry("GFLOPS", 1e9),
            Map.entry("TFLOPS", 1e12), Map.entry("PFLOPS", 1e15), Map.entry("EFLOPS", 1e18),
            Map.entry("TOPS", 1e12), Map.entry("POPS", 1e15), Map.entry("FLOP/s", 1.0),
            Map.entry("TFLOP/s", 1e12), Map.entry("PFLOP/s", 1e15))),
    POWER("watts", Map.of("W", 1.0, "kW", 1e3, "MW", 1e6, "GW", 1e9, "TW", 1e12)),
    MONEY("US dollars", Map.of("USD", 1.0, "$", 1.0)),
    TIME("seconds", Map.of("s", 1.0, "ms", 1e-3, "us", 1e-6, "ns", 1e-9)),
    AREA("square millimetres", Map.of("mm2", 1.0, "um2", 1e-6, "cm2", 100.0)),
    LENGTH("metres", Map.of("m", 1.0, "mm", 1e-3, "um", 1e-6, "nm", 1e-9)),
    ENERGY("joules", Map.of("J", 1.0, "mJ", 1e-3, "nJ", 1e-9, "pJ", 1e-12, "fJ", 1e-15)),
    FREQUENCY("hertz", Map.of("Hz", 1.0, "MHz", 1e6, "GHz", 1e9)),
    SIGNAL_RATE("bits per second", Map.of("b/s", 1.0, "Mb/s", 1e6, "Gb/s", 1e9, "Tb/s", 1e12)),
    DENSITY("bytes per mm2", Map.of("B/mm2", 1.0, "KB/mm2", 1e3, "MB/mm2", 1e6, "GB/mm2", 1e9,
            "Mb/mm2", 1e6 / 8, "Mib/mm2", 1048576.0 / 8)),
    /** A plain number: a count, a ratio or an efficiency. */
    NUMBER("a plain number", Map.of());

    private final String description;
    private final Map<String, Double> units;

    Dimension(String description, Map<String, Double> units) {
        this.description = description;
        this.units = units;
    }

    /** Human description of the dimension, for error messages. */
    public String description() {
        return description;
    }

    /** Units accepted for this dimension and their SI factor. */
    public Map<String, Double> units() {
        return units;
    }
}
