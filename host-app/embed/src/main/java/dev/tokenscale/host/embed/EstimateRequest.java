package dev.tokenscale.host.embed;

import dev.tokenscale.api.Precision;
import dev.tokenscale.host.engine.PlacementSearch.Objective;

/**
 * One model on one hardware system, for {@link Tokenscale#estimate}: {@code tokenscale estimate}'s options and the
 * body of {@code POST /estimate}. Start from {@link #of} and change what differs with the {@code with...} methods;
 * a {@code null} numeric field takes its default, so a JSON body names only what it changes.
 *
 * @param model            model id (required)
 * @param hardware         hardware id (required)
 * @param batch            sequences decoding together, from 1 to 65,536 (default 1)
 * @param context          cached tokens per sequence, from 1 to 2^30 (default 8192)
 * @param prompt           prompt tokens for time to first token, from 1 to {@code context} (default 1024)
 * @param weights          store all weights in this precision, or {@code null} for the model's own
 * @param kv               KV-cache precision, or {@code null} for the model's own
 * @param placement        evaluate this placement, or {@code null} to search for the best one
 * @param objective        what the placement search maximises (default interactivity)
 * @param minInteractivity only placements giving at least this many tokens per user per second (default 0: any)
 * @param maxDevices       only placements with at most this many devices, up to 1,000,000 (default 4096)
 * @param speculative      speculative decoding, or {@code null} for none
 * @throws InvalidInputException when a field is missing or out of range
 */
public record EstimateRequest(String model, String hardware, Integer batch, Long context, Long prompt,
                              Precision weights, Precision kv, Layout placement, Objective objective,
                              Double minInteractivity, Integer maxDevices, Speculative speculative) {

    /** Default sequences decoding together. */
    public static final int DEFAULT_BATCH = 1;
    /** Default cached tokens per sequence. */
    public static final long DEFAULT_CONTEXT = 8192;
    /** Default prompt tokens. */
    public static final long DEFAULT_PROMPT = 1024;
    /** Default limit on a placement's devices. */
    public static final int DEFAULT_MAX_DEVICES = 4096;

    public EstimateRequest {
        model = Checks.id("model", model);
        hardware = Checks.id("hardware", hardware);
        batch = Checks.or(batch, DEFAULT_BATCH);
        context = Checks.or(context, DEFAULT_CONTEXT);
        prompt = Checks.or(prompt, DEFAULT_PROMPT);
        objective = Checks.or(objective, Objective.INTERACTIVITY);
        minInteractivity = Checks.or(minInteractivity, 0.0);
        maxDevices = Checks.or(maxDevices, DEFAULT_MAX_DEVICES);
        Checks.search(batch, context, prompt, minInteractivity, maxDevices);
        if (placement != null && placement.devices() > maxDevices) {
            throw InvalidInputException.field("placement", placement.label(), "at most maxDevices " + maxDevices
                    + " devices; it uses " + placement.devices());
        }
    }

    /** {@code model} on {@code hardware} with every default: batch 1, context 8192, prompt 1024, best placement. */
    public static EstimateRequest of(String model, String hardware) {
        return new EstimateRequest(model, hardware, null, null, null, null, null, null, null, null, null, null);
    }

    /** The same request at another batch size. */
    public EstimateRequest withBatch(int newBatch) {
        return new EstimateRequest(model, hardware, newBatch, context, prompt, weights, kv, placement, objective,
                minInteractivity, maxDevices, speculative);
    }

    /** The same request with other context and prompt lengths. */
    public EstimateRequest withContext(long newContext, long newPrompt) {
        return new EstimateRequest(model, hardware, batch, newContext, newPrompt, weights, kv, placement, objective,
                minInteractivity, maxDevices, speculative);
    }

    /** The same request with weights and KV cache in these precisions ({@code null}: the model's own). */
    public EstimateRequest withPrecisions(Precision newWeights, Precision newKv) {
        return new EstimateRequest(model, hardware, batch, context, prompt, newWeights, newKv, placement, objective,
                minInteractivity, maxDevices, speculative);
    }

    /** The same request evaluating this placement instead of searching. */
    public EstimateRequest withPlacement(Layout newPlacement) {
        return new EstimateRequest(model, hardware, batch, context, prompt, weights, kv, newPlacement, objective,
                minInteractivity, maxDevices, speculative);
    }

    /** The same request searching placements for another objective, under other limits. */
    public EstimateRequest withSearch(Objective newObjective, double newMinInteractivity, int newMaxDevices) {
        return new EstimateRequest(model, hardware, batch, context, prompt, weights, kv, placement, newObjective,
                newMinInteractivity, newMaxDevices, speculative);
    }

    /** The same request with speculative decoding. */
    public EstimateRequest withSpeculative(Speculative newSpeculative) {
        return new EstimateRequest(model, hardware, batch, context, prompt, weights, kv, placement, objective,
                minInteractivity, maxDevices, newSpeculative);
    }

    /**
     * A placement given rather than searched ({@code --placement tp=8,pp=2}); a {@code null} field is 1.
     *
     * @param tensorParallel devices per stage
     * @param pipelineStages pipeline stages
     * @param expertParallel ways the experts are split
     * @param microBatches   micro-batches in flight
     */
    public record Layout(Integer tensorParallel, Integer pipelineStages, Integer expertParallel,
                         Integer microBatches) {
        public Layout {
            tensorParallel = Checks.or(tensorParallel, 1);
            pipelineStages = Checks.or(pipelineStages, 1);
            expertParallel = Checks.or(expertParallel, 1);
            microBatches = Checks.or(microBatches, 1);
            Limit.DEVICES.check("placement.tensorParallel", tensorParallel);
            Limit.DEVICES.check("placement.pipelineStages", pipelineStages);
            Limit.DEVICES.check("placement.expertParallel", expertParallel);
            Limit.DEVICES.check("placement.microBatches", microBatches);
            Limit.DEVICES.check("placement.devices", (long) tensorParallel * pipelineStages);
        }

        /** Devices it uses: tensor parallel x pipeline stages. */
        public int devices() {
            return tensorParallel * pipelineStages;
        }

        /** The CLI's notation, e.g. {@code tp=8,pp=2,ep=1,mb=1}. */
        public String label() {
            return "tp=" + tensorParallel + ",pp=" + pipelineStages + ",ep=" + expertParallel + ",mb=" + microBatches;
        }
    }

    /**
     * Speculative decoding: a draft model proposes tokens that the target verifies in one pass.
     *
     * @param draft       draft model id
     * @param draftLength tokens drafted per verify step, from 1 to 64
     * @param acceptance  per-token acceptance probability, in [0, 1)
     */
    public record Speculative(String draft, int draftLength, double acceptance) {
        public Speculative {
            draft = Checks.id("speculative.draft", draft);
            Limit.DRAFT_LENGTH.check("speculative.draftLength", draftLength);
            if (!(acceptance >= 0 && acceptance < 1)) {
                throw InvalidInputException.field("speculative.acceptance", acceptance, "a probability in [0, 1)");
            }
        }
    }
}
