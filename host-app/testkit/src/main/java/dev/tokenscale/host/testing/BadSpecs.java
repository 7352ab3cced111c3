package dev.tokenscale.host.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

/**
 * Bad hardware spec files for the tests, each made from {@link #GOOD} by exactly one change, with the field path
 * its error must name and the words the message must contain.
 */
public final class BadSpecs {

    /** A complete, valid spec: two tiers (one behind a link), one link, dense and marketed compute. */
    public static final String GOOD = """
            id: test-wafer
            name: Test wafer
            vendor: tokenscale tests
            family: roofline
            deviceKind: wafer
            status: shipping
            silicon:
              processNode: {value: TSMC N5, source: "estimate: a test"}
            compute:
              fp16:
                dense: {value: 15.625 PFLOPS, source: https://example.com/dense}
                marketed: {value: 125 PFLOPS, source: https://example.com/marketed}
            memory:
              - name: sram
                kind: sram
                capacity: {value: 44 GB, source: https://example.com/sram}
                bandwidth: {value: 21 PB/s, source: https://example.com/sram-bandwidth}
              - name: kv-storage
                kind: external
                via: system-io
                capacity: {value: 1.5 TB, source: "estimate: a test"}
                bandwidth: {value: 150 GB/s, source: "estimate: a test"}
            interconnects:
              - name: system-io
                scope: scale-out
                bandwidth: {value: 1.2 Tb/s, source: https://example.com/io}
                latency: {value: 5 us, source: "estimate: a test"}
                domainSize: {value: 2048, source: https://example.com/cluster}
            power:
              device: {value: 15 kW, source: "estimate: a test"}
              system: {value: 23 kW, source: "estimate: a test"}
            cost:
              capex: {value: 1000000 USD, source: "estimate: a test"}
            system:
              name: Test system
              devices: {value: 1, source: "estimate: a test"}
            """;

    /**
     * One bad file: {@link #GOOD} with {@code find} (which occurs exactly once) replaced.
     *
     * @param name     what is wrong
     * @param find     the text to change
     * @param replace  its replacement
     * @param field    the field path the error must name ({@code ""} for a file that does not parse)
     * @param keywords words the message must contain: the value found and what was expected
     */
    public record Case(String name, String find, String replace, String field, List<String> keywords) {

        /** The bad file's text. */
        public String text() {
            int at = GOOD.indexOf(find);
            assertEquals(at, GOOD.lastIndexOf(find), name + ": '" + find + "' must occur exactly once in GOOD");
            if (at < 0) {
                throw new IllegalStateException(name + ": '" + find + "' is not in GOOD");
            }
            return GOOD.substring(0, at) + replace + GOOD.substring(at + find.length());
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Every case the loader must reject on its own, without knowing which families are installed. */
    public static final List<Case> CASES = List.of(
            new Case("empty file", GOOD, "", "", List.of("empty")),
            new Case("YAML syntax error", "21 PB/s, source: https://example.com/sram-bandwidth}",
                    "21 PB/s, source: https://example.com/sram-bandwidth", "memory[0].bandwidth",
                    List.of("syntax error", "line 18")),
            new Case("unknown unit", "44 GB", "44 GX", "memory[0].capacity.value",
                    List.of("'44 GX'", "unknown unit 'GX'", "GB", "TB")),
            new Case("missing required field", "vendor: tokenscale tests\n", "", "vendor",
                    List.of("missing", "text")),
            new Case("missing required figure", "    capacity: {value: 1.5 TB, source: \"estimate: a test\"}\n", "",
                    "memory[1].capacity", List.of("missing", "value", "source", "bytes")),
            new Case("zero capacity", "44 GB", "0 GB", "memory[0].capacity.value",
                    List.of("'0 GB'", "above zero")),
            new Case("negative bandwidth", "21 PB/s", "-21 PB/s", "memory[0].bandwidth.value",
                    List.of("'-21 PB/s'", "above zero")),
            new Case("marketed below dense", "125 PFLOPS", "1 PFLOPS", "compute.fp16.marketed.value",
                    List.of("'1 PFLOPS'", "at least the dense figure", "15.625 PFLOPS")),
            new Case("missing source", "44 GB, source: https://example.com/sram}", "44 GB}",
                    "memory[0].capacity.source", List.of("missing", "URL", "estimate:")),
            new Case("source neither a URL nor an estimate", "source: https://example.com/io}",
                    "source: the datasheet}", "interconnects[0].bandwidth.source",
                    List.of("'the datasheet'", "URL", "estimate: why")),
            new Case("unknown field (typo)", "    capacity: {value: 1.5 TB", "    capacty: {value: 1.5 TB",
                    "memory[1].capacty", List.of("unknown field 'capacty'", "capacity", "bandwidth", "via")),
            new Case("unknown precision key", "  fp16:", "  fp12:", "compute.fp12",
                    List.of("'fp12'", "bf16", "fp8", "mxfp4")),
            new Case("bad memory kind", "kind: external", "kind: flash", "memory[1].kind",
                    List.of("'flash'", "sram, hbm, dram, external")),
            new Case("bad link scope", "scope: scale-out", "scope: scaleout", "interconnects[0].scope",
                    List.of("'scaleout'", "scale-up, scale-out, chip-to-chip")),
            new Case("via names a missing link", "via: system-io", "via: ethernet", "memory[1].via",
                    List.of("'ethernet'", "system-io")),
            new Case("duplicate tier names", "  - name: kv-storage", "  - name: sram", "memory[1].name",
                    List.of("'sram'", "unique")),
            new Case("duplicate key", "deviceKind: wafer\n", "deviceKind: wafer\nname: Other wafer\n", "name",
                    List.of("Duplicate field 'name'")),
            new Case("figure without value and source", "devices: {value: 1, source: \"estimate: a test\"}",
                    "devices: 1", "system.devices", List.of("'1'", "value", "source")),
            new Case("value that is not a number", "15 kW", "fifteen kW", "power.device.value",
                    List.of("'fifteen kW'", "watts", "kW")),
            new Case("unit of another dimension", "23 kW", "23 GB", "power.system.value",
                    List.of("'23 GB'", "unknown unit 'GB'", "watts")),
            new Case("empty list entry", "  - name: kv-storage\n", "  -\n  - name: kv-storage\n", "memory[1]",
                    List.of("missing", "name", "kind", "capacity")),
            new Case("id with capitals and spaces", "id: test-wafer", "id: Test Wafer", "id",
                    List.of("'Test Wafer'", "lowercase")));

    /** The case with this name. */
    public static Case named(String name) {
        return CASES.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private BadSpecs() {
    }
}
