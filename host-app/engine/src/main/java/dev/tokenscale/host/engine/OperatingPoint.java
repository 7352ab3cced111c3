package dev.tokenscale.host.engine;

/**
 * One way to serve a model on one kind of hardware: a deployment of a placement at a batch, with what it gives a
 * user, what it gives per chip, system, dollar and megawatt. {@code docs/metrics.md} defines every field;
 * {@link Serving} says how co-located and disaggregated deployments are timed. Per chip counts every device of
 * the deployment, prefill pool included.
 *
 * @param batch                         sequences decoding at once over the deployment
 * @param placement                     one instance's placement, e.g. {@code dp=8,ep=8 (DP attention)}
 * @param deployment                    {@code co-located}, or {@code disaggregated 2P+7D} (prefill and decode
 *                                      instances)
 * @param devices                       every device of the deployment, both pools
 * @param prefillDevices                devices of the prefill pool (0 when co-located)
 * @param pipelineStages                stages of one instance
 * @param tensorParallel                devices that split attention within a data-parallel group
 * @param dataParallel                  data-parallel attention groups per stage
 * @param expertParallel                ways the routed experts are spread over a stage
 * @param microBatches                  micro-batches in flight
 * @param tokensPerUserPerSecond        interactivity, 1 / time per output token
 * @param tokensPerChipPerSecond        output tokens per second / devices
 * @param totalTokensPerChipPerSecond   input + output tokens per second / devices
 * @param tokensPerSystemPerSecond      output tokens per second per system (chip figure x devices per system)
 * @param costPerMillionTokensUsd       all-in hourly cost / output tokens, per million
 * @param costPerMillionInputTokensUsd  the prefill's share of the hourly cost / prompt tokens, per million
 * @param tokensPerSecondPerMegawatt    output tokens per second per MW of provisioned facility power (with PUE)
 * @param stepSeconds                   one decoding step as the users see it (prefill riding on it included)
 * @param ttftSeconds                   time to first token
 * @param prefillShare                  share of the deployment's device time that prefill takes
 */
public record OperatingPoint(int batch, String placement, String deployment, int devices, int prefillDevices,
                             int pipelineStages, int tensorParallel, int dataParallel, int expertParallel,
                             int microBatches, double tokensPerUserPerSecond, double tokensPerChipPerSecond,
                             double totalTokensPerChipPerSecond, double tokensPerSystemPerSecond,
                             double costPerMillionTokensUsd, double costPerMillionInputTokensUsd,
                             double tokensPerSecondPerMegawatt, double stepSeconds, double ttftSeconds,
                             double prefillShare) {

    /** The deployment of prefill on the decode instances themselves. */
    public static final String CO_LOCATED = "co-located";

    /** The metrics of a deployment of placement {@code p} serving {@code request}s. */
    public static OperatingPoint of(Accelerator a, Economics economics, Placement p, Request request,
                                    Serving.Served served) {
        double output = served.outputPerSecond();
        double input = output * request.promptTokens() / request.outputTokens();
        double perChip = output / served.devices();
        double dollarsPerHour = economics.dollarsPerDeviceHour(a.spec()) * served.devices();
        double megawatts = economics.facilityWattsPerDevice(a.spec()) * served.devices() / 1e6;
        return new OperatingPoint(served.batch(), p.label(), served.deployment(), served.devices(),
                served.prefillDevices(), p.pipelineStages(), p.tensorParallel(), p.dataParallel(),
                p.expertParallel(), p.microBatches(), served.tokensPerUser(), perChip,
                (output + input) / served.devices(), perChip * a.spec().devicesPerSystem(),
                Economics.dollarsPerMillionTokens(dollarsPerHour, output),
                Economics.dollarsPerMillionTokens(dollarsPerHour * served.prefillShare(), input),
                output / megawatts, served.stepSeconds(), served.ttftSeconds(), served.prefillShare());
    }

    /** The deployment and placement in one phrase, e.g. {@code disaggregated 2P+7D, dp=8,ep=8 (DP attention)}. */
    public String label() {
        return CO_LOCATED.equals(deployment) ? placement : deployment + ", " + placement + " each";
    }

    /**
     * What one request is: its prompt, prefilled once, and the tokens it generates. A request's context at its last
     * step is prompt + output; on average over its decode steps it is prompt + output / 2, the context decode
     * steps are timed at.
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

        /** The context a request's decode steps see on average: the prompt and half the output. */
        public long averageContextTokens() {
            return promptTokens + outputTokens / 2;
        }
    }
}
