package dev.tokenscale.host.embed;

import dev.tokenscale.api.Precision;
import java.util.List;

/**
 * Fleets of each hardware system sized for a facility power budget, for {@link Tokenscale#fleet}:
 * {@code tokenscale fleet}'s options and the body of {@code POST /fleet}. Start from {@link #of}; a {@code null}
 * field takes its default.
 *
 * @param model            model id (required)
 * @param powerWatts       facility power budget in watts, PUE included, above 0 and at most 1e12 (required; 7.5e8
 *                         is 750 MW)
 * @param atInteractivity  serve at the cheapest frontier point giving at least this many tokens/s/user, or at the
 *                         fastest one when a system cannot, above 0 (default 50)
 * @param hardware         the systems to size (default: every installed one)
 * @param context          tokens at the last decode step, prompt + output, above {@code prompt} (default 8192)
 * @param prompt           input tokens per request, 1 or more (default 1024)
 * @param weights          store all weights in this precision, or {@code null} for the model's own
 * @param experts          store the routed experts in this precision (after {@code weights}), or {@code null}
 * @param kv               KV-cache precision, or {@code null} for the model's own
 * @param economics        the cost-of-ownership assumptions (default {@link EconomicsRequest#DEFAULT})
 * @param speculative      speculative decoding in every frontier, or {@code null} for none
 * @throws InvalidInputException when a field is missing or out of range
 */
public record FleetRequest(String model, Double powerWatts, Double atInteractivity, List<String> hardware,
                           Long context, Long prompt, Precision weights, Precision experts, Precision kv,
                           EconomicsRequest economics, EstimateRequest.Speculative speculative) {

    public FleetRequest {
        model = Checks.id("model", model);
        if (powerWatts == null) {
            throw new InvalidInputException("powerWatts is required");
        }
        Limit.POWER_WATTS.check("powerWatts", powerWatts);
        atInteractivity = Checks.or(atInteractivity, 50.0);
        Limit.INTERACTIVITY.check("atInteractivity", atInteractivity);
        hardware = Checks.ids("hardware", hardware);
        context = Checks.or(context, EstimateRequest.DEFAULT_CONTEXT);
        prompt = Checks.or(prompt, EstimateRequest.DEFAULT_PROMPT);
        economics = Checks.or(economics, EconomicsRequest.DEFAULT);
        Checks.sweep(context, prompt);
    }

    /** Fleets of every installed system for {@code powerWatts} of facility power, with every default. */
    public static FleetRequest of(String model, double powerWatts) {
        return new FleetRequest(model, powerWatts, null, null, null, null, null, null, null, null, null);
    }

    /** The same fleets serving at another interactivity. */
    public FleetRequest withInteractivity(double newAtInteractivity) {
        return new FleetRequest(model, powerWatts, newAtInteractivity, hardware, context, prompt, weights, experts,
                kv, economics, speculative);
    }

    /** The same fleets of these systems only. */
    public FleetRequest withHardware(List<String> newHardware) {
        return new FleetRequest(model, powerWatts, atInteractivity, newHardware, context, prompt, weights, experts,
                kv, economics, speculative);
    }

    /** The same fleets serving with speculative decoding. */
    public FleetRequest withSpeculative(EstimateRequest.Speculative newSpeculative) {
        return new FleetRequest(model, powerWatts, atInteractivity, hardware, context, prompt, weights, experts,
                kv, economics, newSpeculative);
    }

    /** The comparison the fleets are sized from. */
    public CompareRequest comparison() {
        return new CompareRequest(model, hardware, context, prompt, weights, experts, kv, economics, null, null, null,
                null, speculative, null, null);
    }
}
