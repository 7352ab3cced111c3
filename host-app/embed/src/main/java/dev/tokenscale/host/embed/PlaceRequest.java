package dev.tokenscale.host.embed;

import dev.tokenscale.api.Precision;
import dev.tokenscale.host.engine.PlacementSearch.Objective;

/**
 * Every feasible placement of one model on one hardware system, ranked, for {@link Tokenscale#place}:
 * {@code tokenscale place}'s options and the body of {@code POST /place}. Start from {@link #of}; a {@code null}
 * numeric field takes its default, as in {@link EstimateRequest}.
 *
 * @param model            model id (required)
 * @param hardware         hardware id (required)
 * @param batch            sequences decoding together, 1 or more (default 1)
 * @param context          cached tokens per sequence, 1 or more (default 8192)
 * @param prompt           prompt tokens, 1 or more (default 1024)
 * @param weights          store all weights in this precision, or {@code null} for the model's own
 * @param experts          store the routed experts in this precision (after {@code weights}), or {@code null}
 * @param kv               KV-cache precision, or {@code null} for the model's own
 * @param objective        what the ranking maximises (default interactivity)
 * @param minInteractivity only placements giving at least this many tokens per user per second (default 0: any)
 * @param maxDevices       only placements with at most this many devices (default 4096)
 * @param top              how many of the best placements to return, 1 or more (default 10)
 * @throws InvalidInputException when a field is missing or out of range
 */
public record PlaceRequest(String model, String hardware, Integer batch, Long context, Long prompt,
                           Precision weights, Precision experts, Precision kv, Objective objective,
                           Double minInteractivity, Integer maxDevices, Integer top) {

    /** Default number of placements returned. */
    public static final int DEFAULT_TOP = 10;

    public PlaceRequest {
        model = Checks.id("model", model);
        hardware = Checks.id("hardware", hardware);
        batch = Checks.or(batch, EstimateRequest.DEFAULT_BATCH);
        context = Checks.or(context, EstimateRequest.DEFAULT_CONTEXT);
        prompt = Checks.or(prompt, EstimateRequest.DEFAULT_PROMPT);
        objective = Checks.or(objective, Objective.INTERACTIVITY);
        minInteractivity = Checks.or(minInteractivity, 0.0);
        maxDevices = Checks.or(maxDevices, EstimateRequest.DEFAULT_MAX_DEVICES);
        top = Checks.or(top, DEFAULT_TOP);
        Checks.search(batch, context, prompt, minInteractivity, maxDevices);
        Limit.TOP.check("top", top);
    }

    /** {@code model} on {@code hardware} with every default. */
    public static PlaceRequest of(String model, String hardware) {
        return new PlaceRequest(model, hardware, null, null, null, null, null, null, null, null, null, null);
    }

    /** The same request at another batch size. */
    public PlaceRequest withBatch(int newBatch) {
        return new PlaceRequest(model, hardware, newBatch, context, prompt, weights, experts, kv, objective,
                minInteractivity, maxDevices, top);
    }

    /** The same request ranked for another objective, under other limits, keeping the best {@code newTop}. */
    public PlaceRequest withSearch(Objective newObjective, double newMinInteractivity, int newMaxDevices,
                                   int newTop) {
        return new PlaceRequest(model, hardware, batch, context, prompt, weights, experts, kv, newObjective,
                newMinInteractivity, newMaxDevices, newTop);
    }
}
