package dev.tokenscale.host.spec;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenscale.api.AcceleratorSpec;
import dev.tokenscale.api.Figure;
import dev.tokenscale.host.testing.TestPlugins;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever a hardware spec file holds, the reader gives a spec whose every figure is finite and within the
 * documented bounds, or one error line that names the file and quotes little of it (issue 16). The files are a
 * valid spec with one line's value replaced by hostile text: extreme and non-finite numbers, wrong units, YAML
 * syntax, long text, a private key's first line; and, apart, random text.
 */
class SpecReaderPropertyTest {

    private static final String VALID = TestPlugins.spec("prop-npu", "roofline");
    private static final String SECRET = "-----BEGIN PRIVATE KEY-----MIIEvQIBADANBgkqhkiG9w0BAQEFAASC";

    @Provide
    Arbitrary<String> hostileValues() {
        Arbitrary<String> numbers = Arbitraries.doubles().withSpecialValue(Double.NaN)
                .withSpecialValue(Double.POSITIVE_INFINITY).withSpecialValue(-0.0).withSpecialValue(Double.MAX_VALUE)
                .withSpecialValue(Double.MIN_VALUE).map(String::valueOf);
        Arbitrary<String> withUnits = Combinators.combine(Arbitraries.of("1e400", "-5", "0", "1e-400", "2147483648",
                "4.4e10", "NaN", "Infinity", "0x10", "1_000", "12.5"), Arbitraries.of("", " GB", " TB/s", " W", " us",
                " PFLOPS", " USD", " GX", " kW/s")).as((n, u) -> n + u);
        Arbitrary<String> syntax = Arbitraries.of("{", "}", "[1, 2", "*d0", "&a 1", "!!binary AAAA", "'", "\"",
                "- x", ": :", "{value: 1}", "{value: 1e999, source: \"estimate: x\"}", "null", "~", "", SECRET,
                "{value: " + SECRET + ", source: x}");
        Arbitrary<String> text = Arbitraries.strings().ofMaxLength(300);
        return Arbitraries.oneOf(numbers, withUnits, syntax, text);
    }

    @Provide
    Arbitrary<String> mutatedSpecs() {
        List<String> lines = VALID.lines().toList();
        return Combinators.combine(Arbitraries.integers().between(0, lines.size() - 1), hostileValues())
                .as((index, value) -> {
                    List<String> mutated = new ArrayList<>(lines);
                    String line = mutated.get(index);
                    int colon = line.indexOf(": ");
                    mutated.set(index, colon < 0 ? value : line.substring(0, colon + 2) + value);
                    return String.join("\n", mutated) + "\n";
                });
    }

    @Property
    void aMutatedSpecIsUsableOrOneErrorLine(@ForAll("mutatedSpecs") String yaml) {
        check(yaml);
    }

    @Property
    void randomTextIsUsableOrOneErrorLine(@ForAll String text) {
        check(text);
    }

    private static void check(String yaml) {
        AcceleratorSpec spec;
        try {
            spec = HardwareReader.read(yaml.getBytes(StandardCharsets.UTF_8), "prop.yaml");
        } catch (SpecException e) {
            assertOneLine(e.getMessage(), yaml);
            return;
        }
        figures(spec).forEach(f -> assertTrue(Double.isFinite(f.value()) && f.value() >= 0
                && f.value() <= Fields.Range.LARGEST, spec.id() + ": " + f));
        assertTrue(spec.devicesPerSystem() >= 1 && spec.devicesPerSystem() <= HardwareReader.MAX_DEVICES);
    }

    /** One line that names the file, and no long run of the file's own text. */
    static void assertOneLine(String message, String content) {
        assertFalse(message.contains("\n") || message.contains("\r"), message);
        assertTrue(message.startsWith("prop."), message);
        assertTrue(message.length() < 600, message);
        assertFalse(message.contains(SECRET.substring(0, SpecMapper.QUOTED_CHARS + 1)), message);
        content.lines().filter(line -> line.length() > 3 * SpecMapper.QUOTED_CHARS)
                .forEach(line -> assertFalse(message.contains(line), message));
    }

    private static Stream<Figure> figures(AcceleratorSpec s) {
        return Stream.of(s.compute().values().stream().flatMap(r -> Stream.of(r.dense(), r.marketed())),
                        s.memory().stream().flatMap(t -> Stream.of(t.capacity(), t.bandwidth())),
                        s.interconnects().stream().flatMap(l -> Stream.of(l.bandwidth(), l.latency(), l.domainSize())),
                        Stream.of(s.power().device(), s.power().system(), s.cost().capex(), s.system().devices()),
                        s.execution().values().stream())
                .flatMap(f -> f).filter(Objects::nonNull);
    }
}
