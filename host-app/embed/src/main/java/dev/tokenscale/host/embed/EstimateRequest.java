package dev.tokenscale.host.embed;

import dev.tokenscale.api.Precision;
import dev.tokenscale.host.engine.PlacementSearch.Objective;
import dev.tokenscale.host.engine.Shape;

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
 * @param experts          store the routed experts in this precision (after {@code weights}), or {@code null}
 * @param kv               KV-cache precision, or {@code null} for the model's own
 * @param placement        evaluate this placement, or {@code null} to search for the best one
 * @param objective        what the placement search maximises (default interactivity)
 * @param minInteractivity only placements giving at least this many tokens per user per second (default 0: any)
 * @param maxDevices       only placements with at most this many devices, up to 1,000,000 (default 4096)
 * @param speculative      speculative decoding, or {@code null} for none
 * @throws InvalidInputException when a field is missing or out of range
 */
public record EstimateRequest(String model, String hardware, Integer batch, Long context, Long prompt,
                              Precision weights, Precision experts, Precision kv, Layout placement, Objective objective,
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
        return new EstimateRequest(model, hardware, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** The same request at another batch size. */
    public EstimateRequest withBatch(int newBatch) {
        return new EstimateRequest(model, hardware, newBatch, context, prompt, weights, experts, kv, placement,
                objective, minInteractivity, maxDevices, speculative);
    }

    /** The same request with other context and prompt lengths. */
    public EstimateRequest withContext(long newContext, long newPrompt) {
        return new EstimateRequest(model, hardware, batch, newContext, newPrompt, weights, experts, kv, placement,
                objective, minInteractivity, maxDevices, speculative);
    }

    /** The same request with weights, experts and KV cache in these precisions ({@code null}: the model's own). */
    public EstimateRequest withPrecisions(Precision newWeights, Precision newExperts, Precision newKv) {
        return new EstimateRequest(model, hardware, batch, context, prompt, newWeights, newExperts, newKv, placement,
                objective, minInteractivity, maxDevices, speculative);
    }

    /** The same request evaluating this placement instead of searching. */
    public EstimateRequest withPlacement(Layout newPlacement) {
        return new EstimateRequest(model, hardware, batch, context, prompt, weights, experts, kv, newPlacement,
                objective, minInteractivity, maxDevices, speculative);
    }

    /** The same request searching placements for another objective, under other limits. */
    public EstimateRequest withSearch(Objective newObjective, double newMinInteractivity, int newMaxDevices) {
        return new EstimateRequest(model, hardware, batch, context, prompt, weights, experts, kv, placement,
                newObjective, newMinInteractivity, newMaxDevices, speculative);
    }

    /** The same request with speculative decoding. */
    public EstimateRequest withSpeculative(Speculative newSpeculative) {
        return new EstimateRequest(model, hardware, batch, context, prompt, weights, experts, kv, placement,
                objective, minInteractivity, maxDevices, newSpeculative);
    }

    /**
     * A placement given rather than searched ({@code --placement dp=8,ep=8} or {@code tp=8,pp=2}); a {@code null}
     * field is 1. A stage spans {@code dataParallel x tensorParallel} devices. With {@code prefillInstances} and
     * {@code decodeInstances} ({@code pools=2:7}) the placement is one decode instance of disaggregated pools.
     *
     * @param tensorParallel devices that split attention (and every dense matrix) within a data-parallel group
     * @param dataParallel   data-parallel attention groups per stage, each serving its own sequences (replicas of
     *                       a dense model)
     * @param pipelineStages pipeline stages
     * @param expertParallel ways the routed experts are spread over a stage's devices
     * @param microBatches   micro-batches in flight
     * @param prefillInstances prefill instances of disaggregated pools, or {@code null} for one instance
     * @param decodeInstances  decode instances of disaggregated pools, or {@code null} for one instance
     */
    public record Layout(Integer tensorParallel, Integer dataParallel, Integer pipelineStages,
                         Integer expertParallel, Integer microBatches, Integer prefillInstances,
                         Integer decodeInstances) {
        public Layout {
            tensorParallel = Checks.or(tensorParallel, 1);
            dataParallel = Checks.or(dataParallel, 1);
            pipelineStages = Checks.or(pipelineStages, 1);
            expertParallel = Checks.or(expertParallel, 1);
            microBatches = Checks.or(microBatches, 1);
            Limit.DEVICES.check("placement.tensorParallel", tensorParallel);
            Limit.DEVICES.check("placement.dataParallel", dataParallel);
            Limit.DEVICES.check("placement.pipelineStages", pipelineStages);
            Limit.DEVICES.check("placement.expertParallel", expertParallel);
            Limit.DEVICES.check("placement.microBatches", microBatches);
            if ((prefillInstances != null || decodeInstances != null) && (prefillInstances == null
                    || decodeInstances == null || prefillInstances < 1 || decodeInstances < 1)) {
                throw InvalidInputException.field("placement.pools", "pools=" + prefillInstances + ":" + decodeInstances,
                        "at least one prefill and one decode instance, e.g. pools=2:7");
            }
            Limit.DEVICES.check("placement.devices", (long) dataParallel * tensorParallel * pipelineStages
                    * (prefillInstances == null ? 1 : (long) prefillInstances + decodeInstances));
        }

        /** A placement of one instance. */
        public Layout(Integer tensorParallel, Integer dataParallel, Integer pipelineStages, Integer expertParallel,
                      Integer microBatches) {
            this(tensorParallel, dataParallel, pipelineStages, expertParallel, microBatches, null, null);
        }

        /** Whether it is one decode instance of disaggregated pools. */
        public boolean pooled() {
            return prefillInstances != null;
        }

        /** Devices it uses: data parallel x tensor parallel x pipeline stages, in every instance of its pools. */
        public int devices() {
            return dataParallel * tensorParallel * pipelineStages * (pooled() ? prefillInstances + decodeInstances : 1);
        }

        /** The CLI's notation of the parts that are not 1, e.g. {@code pp=2,tp=8} or {@code dp=8,ep=8,pools=2:7}. */
        public String label() {
            return shape().notation() + (pooled() ? ",pools=" + prefillInstances + ":" + decodeInstances : "");
        }

        /** The engine's form of this layout. */
        public Shape shape() {
            return new Shape(pipelineStages, tensorParallel, dataParallel, expertParallel, microBatches);
        }
    }

    /**
     * Speculative decoding: a draft proposes tokens that the target verifies in one pass.
     *
     * @param draft       draft model id, or {@code mtp} for the target's own multi-token-prediction modules
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
