package dev.tokenscale.host.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenscale.host.http.ApiException;
import dev.tokenscale.host.http.ApiRequest;
import dev.tokenscale.host.http.ApiServer;
import dev.tokenscale.host.runtime.PluginHost;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;

/**
 * The endpoints of {@code tokenscale serve} over one running host (documented in {@code docs/http-api.md}). Each
 * reads the host's current state, so plugins deployed or removed while the server runs show up in the next answer.
 * Each answer has the shape of the matching command's {@code --json} output, and a request body holds the
 * matching command's options, checked by that command's own parser: the API and the CLI cannot drift apart.
 */
final class ServeRoutes {

    /** POST /estimate body fields: the estimate command's options, camelCase (minInteractivity for --min-interactivity). */
    static final List<String> ESTIMATE_FIELDS = List.of("model", "hardware", "batch", "context", "prompt", "weights",
            "kv", "placement", "objective", "minInteractivity", "maxDevices", "speculative");

    private final Provider<EstimateCommand> estimates;

    @Inject
    ServeRoutes(Provider<EstimateCommand> estimates) {
        this.estimates = estimates;
    }

    /** Adds the endpoints to a server being built. */
    ApiServer.Builder add(ApiServer.Builder server, PluginHost host) {
        return server
                .get("/plugins", request -> Map.of("plugins", host.plugins()))
                .get("/hardware", request -> Map.of("hardware", host.installed().accelerators().stream()
                        .filter(a -> request.query("family").map(a.spec().family()::equals).orElse(true))
                        .map(HardwareCommand.Listed::of).toList()))
                .post("/estimate", request -> estimate(request, host));
    }

    private Object estimate(ApiRequest request, PluginHost host) {
        EstimateCommand command = estimates.get();
        try {
            new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true)
                    .parseArgs(arguments(request.body(JsonNode.class)));
            return command.estimate(host, host.installed());
        } catch (CommandLine.ParameterException | UserException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    /** The body's fields as the command-line options they stand for: {"batch": 8} is --batch=8. */
    private static String[] arguments(JsonNode body) {
        if (!body.isObject()) {
            throw ApiException.badRequest("expected a JSON object with the fields " + ESTIMATE_FIELDS);
        }
        List<String> arguments = new ArrayList<>();
        for (var field : (Iterable<Map.Entry<String, JsonNode>>) body::fields) {
            if (!ESTIMATE_FIELDS.contains(field.getKey())) {
                throw ApiException.badRequest("unknown field '" + field.getKey() + "'; expected one of "
                        + ESTIMATE_FIELDS);
            }
            if (!field.getValue().isValueNode() || field.getValue().isNull()) {
                throw ApiException.badRequest("field '" + field.getKey() + "': expected a string or a number");
            }
            arguments.add("--" + field.getKey().replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT) + "="
                    + field.getValue().asText());
        }
        return arguments.toArray(String[]::new);
    }
}
