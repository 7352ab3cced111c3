package dev.tokenscale.host.engine;

import dev.tokenscale.api.Interconnect;
import dev.tokenscale.api.ModelArchitecture;
import dev.tokenscale.api.OpKind;
import dev.tokenscale.api.OpTiming;
import dev.tokenscale.api.Operation;
import dev.tokenscale.host.engine.OperatingPoint.Request;
import java.util.Optional;

/**
 * How requests are served on one placement at one batch, in the two ways production stacks deploy: prefill
 * co-located with decode, or prefill and decode in pools of their own ({@code docs/metrics.md} defines every
 * term).
 *
 * <p><b>Co-located</b>: in steady state each decoding step of {@code B} sequences commits {@code E} tokens each (1,
 * or the expected tokens per verify with speculative decoding), so {@code n = B E / O} prompts of a request's
 * {@code O} output tokens arrive per step, and their prefill rides on the step (chunked prefill): the step carries
 * {@code floor(n)} whole prompts, and one more in the fraction {@code n - floor(n)} of steps. The time per output
 * token is the average step over {@code E}; the prompt's own step is its time to first token.
 *
 * <p><b>Disaggregated</b>: decode instances never prefill, so their step is the plain decoding step; prefill
 * instances of the same placement prefill batches of prompts (the batch doubled while that raises prompts per
 * second by 5% or more) and send each prompt's KV cache over the system's scale-out link. For {@code D} decode
 * instances the fewest prefill instances {@code P} that keep up are used; {@code D} is searched from 1 to
 * {@value #MAX_INSTANCES} for the most tokens per chip over both pools.
 */
public final class Serving {

    /** The largest pool searched, in instances. */
    public static final int MAX_INSTANCES = 16;
    /** Doubling the prefill batch is worth it while it raises prompts per second by at least this fraction. */
    static final double PREFILL_GAIN = 0.05;

    private final ModelArchitecture m;
    private final Accelerator a;
    private final Workload w;
    private final Placement p;
    private final Request request;
    private final Speculation speculation;
    private final int micro;
    private final double perStep;
    private double draftSeconds = Double.NaN;
    private double plainStep = Double.NaN;

    /**
     * Serving {@code w.batch()} sequences on {@code p}, decode steps timed at {@code w.contextTokens()}.
     *
     * @param speculation speculative decoding, or {@code null}
     */
    public Serving(ModelArchitecture m, Accelerator a, Workload w, Placement p, Request request,
                   Speculation speculation) {
        this.m = m;
        this.a = a;
        this.w = w;
        this.p = p;
        this.request = request;
        this.speculation = speculation;
        this.micro = Estimator.micro(w, p);
        this.perStep = Decoding.tokensPerStep(speculation);
    }

    /**
     * Serving a placement the search ranked: without speculation its plain decoding step is the one the search
     * already timed ({@link Estimator#speeds}), so it is not timed again.
     */
    static Serving of(ModelArchitecture m, Accelerator a, Workload w, PlacementSearch.Candidate candidate,
                      Request request, Speculation speculation) {
        Serving serving = new Serving(m, a, w, candidate.placement(), request, speculation);
        if (speculation == null) {
            serving.plainStep = 1 / candidate.tokensPerUser();
        }
        return serving;
    }

    /**
     * One deployment's figures, before money.
     *
     * @param deployment      "co-located" or "disaggregated 2P+7D"
     * @param batch           sequences decoding at once over the deployment
     * @param devices         every device, both pools
     * @param prefillDevices  devices of the prefill pool (0 when co-located)
     * @param outputPerSecond output tokens per second of the deployment
     * @param tokensPerUser   tokens per user per second: tokens per step over the step
     * @param stepSeconds     one decoding step as the users see it
     * @param ttftSeconds     time to first token
     * @param prefillShare    share of the deployment's device time that prefill takes
     */
    public record Served(String deployment, int batch, int devices, int prefillDevices, double outputPerSecond,
                         double tokensPerUser, double stepSeconds, double ttftSeconds, double prefillShare) {
    }

    /**
     * A prefill instance's pace.
     *
     * @param promptsPerPass    prompts prefilled together
     * @param passSeconds       one such pass
     * @param transferSeconds   sending one prompt's KV cache to a decode instance
     * @param promptsPerSecond  prompts per second one instance prefills and sends
     */
    public record PrefillPool(int promptsPerPass, double passSeconds, double transferSeconds,
                              double promptsPerSecond) {
    }

    /** Tokens per user and per chip per second of plain decoding steps: what no deployment of them can beat. */
    public double[] decodeBound() {
        double step = step(0);
        return new double[] {perStep / step, w.batch() * perStep / step / p.devices()};
    }

    /** Prefill riding on the decode steps. */
    public Served colocated() {
        double prompts = w.batch() * perStep / request.outputTokens() / p.microBatches();
        int whole = (int) Math.floor(prompts);
        double fraction = prompts - whole;
        double withMore = step(whole + 1);
        double average = fraction > 0 ? (1 - fraction) * step(whole) + fraction * withMore : step(whole);
        return new Served("co-located", w.batch(), p.devices(), 0, w.batch() * perStep / average,
                perStep / average, average, withMore, (average - step(0)) / average);
    }

    /** Pools of prefill and decode instances of this placement, or empty when no ratio within the limits works. */
    public Optional<Served> disaggregated(PrefillPool pool, Curves.Limits limits) {
        int instances = Math.min(MAX_INSTANCES, limits.maxBatch() / w.batch());
        return pools(w.batch(), step(0), perStep, request.outputTokens(), p.devices(), pool, instances,
                limits.maxDevices());
    }

    /**
     * The best pools of instances of {@code devicesPerInstance} devices: for each count of decode instances (each
     * {@code batch} sequences, one step of {@code step} seconds committing {@code perStep} tokens each) up to
     * {@code maxDecode}, the fewest prefill instances (at most {@value #MAX_INSTANCES}) that keep up with the
     * prompts of {@code outputTokens} output tokens each, within {@code maxDevices} devices in all; the ratio with
     * the most output tokens per second per device of both pools wins, the smaller deployment on a tie.
     */
    static Optional<Served> pools(int batch, double step, double perStep, long outputTokens, int devicesPerInstance,
                                  PrefillPool pool, int maxDecode, int maxDevices) {
        double outputPerInstance = batch * perStep / step;
        double promptsPerInstance = outputPerInstance / outputTokens;
        Served best = null;
        for (int decode = 1; decode <= maxDecode; decode++) {
            int prefill = (int) Math.ceil(decode * promptsPerInstance / pool.promptsPerSecond() - 1e-9);
            int devices = (decode + prefill) * devicesPerInstance;
            if (prefill > MAX_INSTANCES || devices > maxDevices) {
                break;
            }
            double output = decode * outputPerInstance;
            if (best == null || output / devices > best.outputPerSecond() / best.devices() * (1 + 1e-9)) {
                best = new Served("disaggregated " + prefill + "P+" + decode + "D", decode * batch, devices,
                        prefill * devicesPerInstance, output, perStep / step, step,
                        pool.passSeconds() + pool.transferSeconds(), (double) prefill / (decode + prefill));
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The pace of one prefill instance of placement {@code p}, or empty when the system has no link to send KV
     * caches over.
     */
    public static Optional<PrefillPool> prefillPool(ModelArchitecture m, Accelerator a, Workload w, Placement p,
                                                    Request request) {
        Optional<Interconnect> link = Topology.transferLink(a.spec());
        if (link.isEmpty()) {
            return Optional.empty();
        }
        long prompt = request.promptTokens();
        Placement oneInFlight = new Placement(p.shape().withStages(p.pipelineStages(), 1), p.moe(), p.stages(),
                p.hopLink());
        // Memory was sized for the decode batch at its context: prompts of that many tokens fit.
        long most = Math.max(1, Math.min(4096, w.batch() * w.contextTokens() / prompt));
        int chosen = 1;
        double seconds = Estimator.cycle(m, a, w, oneInFlight, new Pass(1, prompt, 0), null);
        for (int n = 2; n <= most; n *= 2) {
            double pass = Estimator.cycle(m, a, w, oneInFlight, new Pass(n, prompt, 0), null);
            if (n / pass < chosen / seconds * (1 + PREFILL_GAIN)) {
                break;
            }
            chosen = n;
            seconds = pass;
        }
        double bytesPerDevice = ModelMath.kvBytesPerSequence(m, 0, m.layers(), prompt, w.kv()) / p.devices();
        OpTiming transfer = a.model().time(new Operation(OpKind.TRANSFER, "KV cache to a decode instance", 0,
                bytesPerDevice, link.get().name(), w.kv(), 1));
        double rate = Math.min(chosen / seconds, 1 / Math.max(transfer.memorySeconds(), 1e-12));
        return Optional.of(new PrefillPool(chosen, seconds, transfer.seconds(), rate));
    }

    /** One decoding step with {@code prompts} prompts prefilled in each micro-batch's pass, drafts included. */
    private double step(int prompts) {
        if (prompts == 0 && !Double.isNaN(plainStep)) {
            return plainStep;
        }
        Pass pass = Decoding.targetPass(micro, w.contextTokens(), speculation).withPrompts(prompts,
                request.promptTokens());
        double seconds = Estimator.cycle(m, a, w, p, pass, null) + drafts();
        if (prompts == 0) {
            plainStep = seconds;
        }
        return seconds;
    }

    private double drafts() {
        if (speculation == null) {
            return 0;
        }
        if (Double.isNaN(draftSeconds)) {
            draftSeconds = speculation.draftLength() * Decoding.draftSeconds(m, a, w, p, speculation, micro, null);
        }
        return draftSeconds;
    }
}
