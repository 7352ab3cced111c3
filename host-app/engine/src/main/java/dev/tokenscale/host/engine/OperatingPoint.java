package dev.tokenscale.host.engine;

/**
 * One way to serve a model on one kind of hardware: a batch on a placement, with what it gives a user, what it
 * gives per chip, system, dollar and megawatt. {@code docs/metrics.md} defines every field; in short, with decode
 * step {@code t}, prefill of one prompt {@code T}, batch {@code B}, prompt {@code P} and output {@code O} tokens
 * per request, prefill co-located with decode and run one prompt at a time:
 * <ul>
 *   <li>time per output token {@code TPOT = t + (B - 1) T / O} (a user's decode pauses for the others' prefills);
 *       interactivity {@code = 1 / TPOT};</li>
 *   <li>output tokens per second of the deployment {@code = B O / (O t + B T)}, input tokens per second
 *       {@code = B P / (O t + B T)}.</li>
 * </ul>
 *
 * @param batch                         sequences decoding together
 * @param placement                     the placement's label, e.g. {@code "pp=2,tp=8"}
 * @param devices                       every device the placement uses
 * @param pipelineStages                stages
 * @param tensorParallel                devices per stage
 * @param expertParallel                ways the experts are split
 * @param microBatches                  micro-batches in flight
 * @param tokensPerUserPerSecond        interactivity, 1 / TPOT
 * @param tokensPerChipPerSecond        output tokens per second / devices
 * @param totalTokensPerChipPerSecond   input + output tokens per second / devices
 * @param tokensPerSystemPerSecond      output tokens per second per system (chip figure x devices per system)
 * @param costPerMillionTokensUsd       all-in hourly cost / output tokens, per million
 * @param costPerMillionInputTokensUsd  cost of the prefill time / prompt tokens, per million
 * @param tokensPerSecondPerMegawatt    output tokens per second per MW of provisioned facility power (with PUE)
 * @param stepSeconds                   one decode step of the batch, {@code t}
 * @param ttftSeconds                   prefill of one prompt through every stage, {@code T}
 * @param prefillShare                  share of the deployment's time spent in prefill, {@code B T / (O t + B T)}
 */
public record OperatingPoint(int batch, String placement, int devices, int pipelineStages, int tensorParallel,
                             int expertParallel, int microBatches, double tokensPerUserPerSecond,
                             double tokensPerChipPerSecond, double totalTokensPerChipPerSecond,
                             double tokensPerSystemPerSecond, double costPerMillionTokensUsd,
                             double costPerMillionInputTokensUsd, double tokensPerSecondPerMegawatt,
                             double stepSeconds, double ttftSeconds, double prefillShare) {

    /**
     * The metrics of a batch on a placement.
     *
     * @param request      the request shape (prompt and output tokens)
     * @param stepSeconds  one decode step of the whole batch, {@code t}
     * @param ttftSeconds  prefill of one prompt, {@code T}
     */
    public static OperatingPoint of(Accelerator a, Economics economics, Placement p, int batch, Request request,
                                    double stepSeconds, double ttftSeconds) {
        double output = request.outputTokens();
        double cycle = output * stepSeconds + batch * ttftSeconds;
        double outputPerSecond = batch * output / cycle;
        double inputPerSecond = batch * (double) request.promptTokens() / cycle;
        double perChip = outputPerSecond / p.devices();
        double dollarsPerHour = economics.dollarsPerDeviceHour(a.spec()) * p.devices();
        double megawatts = economics.facilityWattsPerDevice(a.spec()) * p.devices() / 1e6;
        return new OperatingPoint(batch, p.label(), p.devices(), p.pipelineStages(), p.tensorParallel(),
                p.expertParallel(), p.microBatches(), 1 / (stepSeconds + (batch - 1) * ttftSeconds / output), perChip,
                (outputPerSecond + inputPerSecond) / p.devices(), perChip * a.spec().devicesPerSystem(),
                Economics.dollarsPerMillionTokens(dollarsPerHour, outputPerSecond),
                Economics.dollarsPerMillionTokens(dollarsPerHour, request.promptTokens() / ttftSeconds),
                outputPerSecond / megawatts, stepSeconds, ttftSeconds, batch * ttftSeconds / cycle);
    }

    /**
     * What one request is: its prompt, prefilled once, and the tokens it generates. A request's context at its last
     * step is prompt + output, the context decode steps are timed at.
     *
     * @param promptTokens input tokens
     * @param outputTokens generated tokens
     */
    public record Request(long promptTokens, long outputTokens) {
        public Request {
            if (promptTokens < 1 || outputTokens < 1) {
                throw new IllegalArgumentException("a request needs at least one prompt and one output token");
            }
        }

        /** The request a workload implies: its prompt, and its context less the prompt as output. */
        public static Request of(Workload w) {
            return new Request(w.promptTokens(), w.contextTokens() - w.promptTokens());
        }
    }
}
