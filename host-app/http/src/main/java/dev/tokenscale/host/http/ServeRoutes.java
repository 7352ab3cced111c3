package dev.tokenscale.host.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenscale.host.embed.CompareRequest;
import dev.tokenscale.host.embed.EstimateRequest;
import dev.tokenscale.host.embed.FleetRequest;
import dev.tokenscale.host.embed.InvalidInputException;
import dev.tokenscale.host.embed.PlaceRequest;
import dev.tokenscale.host.embed.Tokenscale;
import dev.tokenscale.host.engine.PluginFault;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The endpoints of {@code tokenscale serve} over one running host (documented in {@code docs/http-api.md} and in
 * the OpenAPI document served at {@code GET /openapi.json}). They mirror the embedding API: each answers with the
 * record that {@link Tokenscale} returns and that the matching command prints with {@code --json}, and each POST body is
 * the matching request record, checked by that record as the CLI's options are. Each reads the host's current state,
 * so plugins deployed or removed while the server runs show up in the next answer.
 */
public final class ServeRoutes {

    /** Where the OpenAPI document is, on the class path. */
    public static final String OPENAPI = "/dev/tokenscale/host/http/openapi.json";

    private ServeRoutes() {
    }

    /** Adds the endpoints over one host's typed calls to a server being built. */
    public static ApiServer.Builder add(ApiServer.Builder server, Tokenscale api) {
        JsonNode openApi = openApi();
        return server
                .get("/openapi.json", request -> openApi)
                .get("/plugins", request -> Map.of("plugins", api.plugins()))
                .get("/hardware", request -> Map.of("hardware", api.hardware().stream()
                        .filter(h -> request.query("family").map(h.spec().family()::equals).orElse(true))
                        .toList()))
                .get("/models", request -> Map.of("models", api.models()))
                .post("/estimate", request -> refused(() -> api.estimate(request.body(EstimateRequest.class))))
                .post("/place", request -> refused(() -> api.place(request.body(PlaceRequest.class))))
                .post("/compare", request -> refused(() -> api.compare(request.body(CompareRequest.class))))
                .post("/fleet", request -> refused(() -> api.fleet(request.body(FleetRequest.class))));
    }

    /**
     * Answers a request, turning a mistake in it (an unknown id, say) into a 400, and the failure of the one
     * plugin it needs (a family that threw, hung or answered nonsense) into a 503.
     */
    private static Object refused(Supplier<Object> answer) {
        try {
            return answer.get();
        } catch (InvalidInputException e) {
            throw ApiException.badRequest(e.getMessage());
        } catch (PluginFault e) {
            throw new ApiException(503, "plugin_failed", e.getMessage());
        }
    }

    private static JsonNode openApi() {
        try (InputStream in = ServeRoutes.class.getResourceAsStream(OPENAPI)) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + OPENAPI, e);
        }
    }
}
