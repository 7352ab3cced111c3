package dev.tokenscale.host.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenscale.host.embed.CompareRequest;
import dev.tokenscale.host.embed.EstimateRequest;
import dev.tokenscale.host.embed.FleetRequest;
import dev.tokenscale.host.embed.Limit;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever body a client posts, reading it gives a request whose numbers are in range, or a 400 with one line,
 * never another failure (issue 16: a body of {@code null} answered 500, {@code "model": 5} was read as "5").
 */
class ApiRequestPropertyTest {

    private static final List<String> FIELDS = List.of("model", "hardware", "batch", "context", "prompt", "weights",
            "kv", "placement", "objective", "minInteractivity", "maxDevices", "speculative", "powerWatts",
            "atInteractivity", "economics", "costAt", "standard", "fast", "unknown");

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.oneOf(Arbitraries.longs().map(String::valueOf),
                Arbitraries.doubles().map(String::valueOf),
                Arbitraries.of("null", "true", "\"llama-3.1-8b\"", "\"\"", "[]", "[\"nvidia-h100\"]", "{}", "1e400",
                        "-0", "\"NaN\"", "{\"tensorParallel\": 0}", "{\"pue\": 1e308}",
                        "{\"draft\": \"d\", \"draftLength\": 2147483647, \"acceptance\": 0.99}", "\"fp7\""),
                Arbitraries.strings().ofMaxLength(10).map(s -> "\"" + s.replace("\\", "").replace("\"", "") + "\""));
    }

    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> field = Combinators.combine(Arbitraries.of(FIELDS), values())
                .as((name, value) -> "\"" + name + "\": " + value);
        Arbitrary<String> objects = field.list().ofMaxSize(6).map(fields -> "{" + String.join(", ", fields) + "}");
        return Arbitraries.oneOf(objects, Arbitraries.of("", "null", "[]", "5", "\"x\"", "{", "{}{}"),
                Arbitraries.strings().ofMaxLength(50));
    }

    @Property
    void aBodyIsARequestInRangeOrA400(@ForAll("bodies") String body) {
        for (Class<?> type : List.of(EstimateRequest.class, CompareRequest.class, FleetRequest.class)) {
            Object request;
            try {
                request = new ApiRequest(null, body.getBytes(StandardCharsets.UTF_8), ApiServer.JSON).body(type);
            } catch (ApiException e) {
                assertEquals(400, e.status(), e.getMessage());
                assertFalse(e.getMessage().contains("\n"), e.getMessage());
                continue;
            }
            if (request instanceof EstimateRequest r) {
                assertTrue(Limit.BATCH.accepts(r.batch()) && Limit.TOKENS.accepts(r.context())
                        && r.prompt() <= r.context() && Limit.DEVICES.accepts(r.maxDevices()), r.toString());
            } else if (request instanceof FleetRequest r) {
                assertTrue(Limit.POWER_WATTS.accepts(r.powerWatts()) && r.prompt() < r.context(), r.toString());
            } else if (request instanceof CompareRequest r) {
                assertTrue((r.economics().pue() == null || Limit.PUE.accepts(r.economics().pue()))
                        && r.prompt() < r.context(), r.toString());
            }
        }
    }
}
