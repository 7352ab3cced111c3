package dev.tokenscale.host.embed;

import dev.tokenscale.api.Precision;
import dev.tokenscale.host.engine.Curves;
import java.util.List;

/**
 * One model on several hardware systems, each swept to its frontier, for {@link Tokenscale#compare}:
 * {@code tokenscale compare}'s options and the body of {@code POST /compare}. Start from {@link #of}; a
 * {@code null} field takes its default.
 *
 * @param model             model id (required)
 * @param hardware          the systems to compare (default: every installed one)
 * @param context           tokens at the last decode step, prompt + output, above {@code prompt} (default 8192)
 * @param prompt            input tokens per request, 1 or more (default 1024)
 * @param weights           store all weights in this precision, or {@code null} for the model's own
 * @param experts           store the routed experts in this precision (after {@code weights}), or {@code null}
 * @param kv                KV-cache precision, or {@code null} for the model's own
 * @param economics         the cost-of-ownership assumptions (default {@link EconomicsRequest#DEFAULT})
 * @param costAt            interactivity at which each system's $/Mtok is read, above 0 (default 50)
 * @param standard          speed premium: the standard mode's tokens/s/user, above 0 (default 40)
 * @param fast              speed premium: the fast mode's tokens/s/user, above 0 (default 100)
 * @param standardHardware  speed premium: the system of the standard mode, or {@code null} for the cheapest
 * @param speculative       speculative decoding in every frontier, or {@code null} for none
 * @param maxDevices        only deployments of at most this many devices, both pools counted (default 4096)
 * @param maxBatch          only deployments serving at most this many sequences at once (default 65536)
 * @throws InvalidInputException when a field is missing or out of range
 */
public record CompareRequest(String model, List<String> hardware, Long context, Long prompt, Precision weights,
                             Precision experts, Precision kv, EconomicsRequest economics, Double costAt,
                             Double standard, Double fast, String standardHardware,
                             EstimateRequest.Speculative speculative, Integer maxDevices, Integer maxBatch) {

    public CompareRequest {
        model = Checks.id("model", model);
        hardware = Checks.ids("hardware", hardware);
        context = Checks.or(context, EstimateRequest.DEFAULT_CONTEXT);
        prompt = Checks.or(prompt, EstimateRequest.DEFAULT_PROMPT);
        economics = Checks.or(economics, EconomicsRequest.DEFAULT);
        costAt = Checks.or(costAt, 50.0);
        standard = Checks.or(standard, 40.0);
        fast = Checks.or(fast, 100.0);
        Checks.sweep(context, prompt);
        Limit.INTERACTIVITY.check("costAt", costAt);
        Limit.INTERACTIVITY.check("standard", standard);
        Limit.INTERACTIVITY.check("fast", fast);
        maxDevices = Checks.or(maxDevices, EstimateRequest.DEFAULT_MAX_DEVICES);
        maxBatch = Checks.or(maxBatch, Curves.MAX_BATCH);
        Limit.DEVICES.check("maxDevices", maxDevices);
        Limit.BATCH.check("maxBatch", maxBatch);
    }

    /** {@code model} on every installed system, with every default. */
    public static CompareRequest of(String model) {
        return new CompareRequest(model, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null);
    }

    /** The same comparison of these systems only. */
    public CompareRequest withHardware(List<String> newHardware) {
        return new CompareRequest(model, newHardware, context, prompt, weights, experts, kv, economics, costAt,
                standard, fast, standardHardware, speculative, maxDevices, maxBatch);
    }

    /** The same comparison under other economics. */
    public CompareRequest withEconomics(EconomicsRequest newEconomics) {
        return new CompareRequest(model, hardware, context, prompt, weights, experts, kv, newEconomics, costAt,
                standard, fast, standardHardware, speculative, maxDevices, maxBatch);
    }

    /** The same comparison with speculative decoding in every frontier. */
    public CompareRequest withSpeculative(EstimateRequest.Speculative newSpeculative) {
        return new CompareRequest(model, hardware, context, prompt, weights, experts, kv, economics, costAt,
                standard, fast, standardHardware, newSpeculative, maxDevices, maxBatch);
    }

    /** The same comparison of deployments within these limits. */
    public CompareRequest withLimits(int newMaxDevices, int newMaxBatch) {
        return new CompareRequest(model, hardware, context, prompt, weights, experts, kv, economics, costAt,
                standard, fast, standardHardware, speculative, newMaxDevices, newMaxBatch);
    }

    /** The limits as the engine takes them. */
    Curves.Limits limits() {
        return new Curves.Limits(maxDevices, maxBatch);
    }
}
