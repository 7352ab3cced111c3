package dev.tokenscale.host.engine;

import java.util.List;

/**
 * Everything one estimate says, in SI units, as the CLI prints it in JSON ({@code docs/cli.md} documents the
 * fields). Per-user speed is 1 / time per output token; throughput per chip is every output token per second
 * divided by every device the placement uses.
 *
 * @param model                  model id
 * @param hardware               hardware id
 * @param batch                  sequences decoding at once across the deployment
 * @param contextTokens          cached tokens per sequence
 * @param promptTokens           prompt length used for time to first token
 * @param weightPrecision        precision of the (non-expert) weights
 * @param expertPrecision        precision of the routed experts (the weights' for a dense model)
 * @param kvPrecision            precision of the KV cache
 * @param stepSeconds            time per output token of one sequence (one decode step, through every stage)
 * @param ttftSeconds            time to first token: prefill of one prompt through every stage
 * @param tokensPerUserPerSecond interactivity: output tokens per second one user sees
 * @param tokensPerChipPerSecond output tokens per second of the deployment divided by its devices
 * @param devices                devices the deployment uses
 * @param deployment             {@code one instance}, or {@code disaggregated 2P+7D}: pools of prefill and decode
 *                               instances of the placement
 * @param fits                   whether weights and KV cache fit the devices' memory
 * @param fitProblem             why not, or {@code null}
 * @param limitedBy              what dominates the step time, in words
 * @param placement              how the model is spread
 * @param speculation            speculative decoding, or {@code null}
 * @param warnings               things the user should know (context beyond the model's maximum, ...)
 * @param breakdown              every term of the step time; their totals add up to {@code stepSeconds}
 */
public record Estimate(String model, String hardware, int batch, long contextTokens, long promptTokens,
                       String weightPrecision, String expertPrecision, String kvPrecision, double stepSeconds,
                       double ttftSeconds, double tokensPerUserPerSecond, double tokensPerChipPerSecond, int devices,
                       String deployment, boolean fits, String fitProblem, String limitedBy, PlacementView placement,
                       SpeculationView speculation, List<String> warnings, List<BreakdownLine> breakdown) {

    /** The deployment of a single instance. */
    public static final String ONE_INSTANCE = "one instance";

    /**
     * This estimate as one of {@code decode} decode instances beside {@code prefill} prefill instances of its
     * placement: devices of both pools, the time to first token of the prefill pool, and the output tokens per
     * second the pools give over all their devices.
     */
    public Estimate inPools(int prefill, int decode, double outputPerSecond, double ttft, List<String> more) {
        int all = (prefill + decode) * devices;
        List<String> allWarnings = new java.util.ArrayList<>(warnings);
        allWarnings.addAll(more);
        return new Estimate(model, hardware, batch, contextTokens, promptTokens, weightPrecision, expertPrecision,
                kvPrecision, stepSeconds, ttft, tokensPerUserPerSecond, outputPerSecond / all, all,
                "disaggregated " + prefill + "P+" + decode + "D", fits, fitProblem, limitedBy, placement, speculation,
                List.copyOf(allWarnings), breakdown);
    }

    /**
     * The placement as printed.
     *
     * @param label          short form, e.g. "pp=2,tp=8"
     * @param devices        devices used
     * @param pipelineStages stages
     * @param tensorParallel devices that split attention within a data-parallel group
     * @param dataParallel   data-parallel attention groups per stage (replicas for a dense model)
     * @param expertParallel ways the routed experts are spread over a stage
     * @param microBatches   micro-batches in flight
     * @param stages         per stage: layers and memory per tier
     * @param hops           the pipeline hops each token makes
     */
    public record PlacementView(String label, int devices, int pipelineStages, int tensorParallel, int dataParallel,
                                int expertParallel, int microBatches, List<StageView> stages, HopView hops) {
    }

    /**
     * One stage.
     *
     * @param firstLayer first layer
     * @param endLayer   one past the last layer
     * @param memory     use of each memory tier of one of its devices
     */
    public record StageView(int firstLayer, int endLayer, List<TierUse> memory) {
    }

    /**
     * Use of one memory tier on one device.
     *
     * @param tier          tier name
     * @param capacityBytes usable capacity (capacity x usable fraction)
     * @param weightBytes   weights held there
     * @param kvBytes       KV cache held there
     */
    public record TierUse(String tier, double capacityBytes, double weightBytes, double kvBytes) {
    }

    /**
     * Pipeline hops per output token.
     *
     * @param count          hops (stages - 1)
     * @param link           interconnect crossed
     * @param latencySeconds time of all hops for one token
     * @param bytesPerHop    activation bytes one hop carries
     */
    public record HopView(int count, String link, double latencySeconds, double bytesPerHop) {
    }

    /**
     * Speculative decoding.
     *
     * @param draftModel        draft model id, or {@code mtp} for the target's multi-token-prediction modules
     * @param draftLength       tokens drafted per verify step
     * @param acceptance        per-token acceptance probability
     * @param tokensPerVerify   expected tokens committed per verify step, (1 - a^(g+1)) / (1 - a)
     * @param verifySeconds     one verify pass of the target over g + 1 tokens per sequence
     * @param draftSeconds      one draft step
     * @param speedup           tokens per user per second with speculation over without
     */
    public record SpeculationView(String draftModel, int draftLength, double acceptance, double tokensPerVerify,
                                  double verifySeconds, double draftSeconds, double speedup) {
    }

    /**
     * One term of the step time.
     *
     * @param stage          pipeline stage (0 with one stage), or -1 for hops
     * @param group          what it belongs to ("MoE layers", "per step", "pipeline")
     * @param name           the operation
     * @param kind           operation kind
     * @param count          runs per step
     * @param resource       memory tier read, or interconnect crossed
     * @param bytes          bytes per run
     * @param flops          FLOPs per run
     * @param seconds        time of one run
     * @param totalSeconds   count x seconds
     * @param memorySeconds  data-movement term of one run
     * @param computeSeconds arithmetic term of one run
     * @param latencySeconds fixed term of one run
     * @param bound          which term dominates
     */
    public record BreakdownLine(int stage, String group, String name, String kind, int count, String resource,
                                double bytes, double flops, double seconds, double totalSeconds,
                                double memorySeconds, double computeSeconds, double latencySeconds, String bound) {
    }
}
