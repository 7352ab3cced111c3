package dev.tokenscale.host.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenscale.api.Precision;
import dev.tokenscale.host.engine.PlacementSearch.Objective;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One embedded host, many threads: 8 threads x 1,000 mixed calls (estimates of several kinds, placement rankings,
 * hardware and model listings, and one call in {@value #HEAVY_EVERY} a comparison or a fleet sizing), each answer
 * equal to the one computed on a single thread beforehand.
 */
@ExtendWith(BuiltInHost.class)
class ConcurrencyIT {

    private static final int THREADS = 8;
    private static final int CALLS_PER_THREAD = 1_000;
    /** The first LIGHT calls are quick; the two after them sweep frontiers. */
    private static final int LIGHT = 9;
    private static final int HEAVY_EVERY = 40;

    @Test
    void everyAnswerUnderLoadEqualsTheSingleThreadedOne(Tokenscale ts) throws Exception {
        List<Callable<Object>> calls = List.of(
                ts::hardware,
                ts::models,
                () -> ts.estimate(EstimateRequest.of("llama-3.1-8b", "nvidia-h100")),
                () -> ts.estimate(EstimateRequest.of("llama-3.1-8b", "nvidia-h200").withBatch(64)
                        .withPrecisions(Precision.FP8, Precision.FP8)),
                () -> ts.estimate(EstimateRequest.of("gpt-oss-120b", "cerebras-cs3")),
                () -> ts.estimate(EstimateRequest.of("llama-3.1-70b", "groq-lpu-v1").withContext(4096, 512)),
                () -> ts.estimate(EstimateRequest.of("llama-3.1-70b", "nvidia-h100")
                        .withSpeculative(new EstimateRequest.Speculative("llama-3.1-8b", 4, 0.7))),
                () -> ts.place(PlaceRequest.of("llama-3.1-8b", "nvidia-b200").withBatch(8)),
                () -> ts.place(PlaceRequest.of("gpt-oss-120b", "nvidia-h100")
                        .withSearch(Objective.COST, 0, 64, 5)),
                // The sweeps are slower: one call in HEAVY_EVERY is one of these two.
                () -> ts.compare(CompareRequest.of("llama-3.1-8b")
                        .withHardware(List.of("nvidia-h100", "cerebras-cs3", "groq-lpu-v1"))),
                () -> ts.fleet(FleetRequest.of("gpt-oss-120b", 7.5e8)
                        .withHardware(List.of("nvidia-b200", "cerebras-cs3"))));
        List<Object> expected = new ArrayList<>();
        for (Callable<Object> call : calls) {
            expected.add(call.call());
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        long started = System.nanoTime();
        try {
            List<Future<Integer>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                workers.add(pool.submit(() -> {
                    for (int i = 0; i < CALLS_PER_THREAD; i++) {
                        // Each thread walks the calls from its own offset, so different calls overlap.
                        int which = i % HEAVY_EVERY == 0 ? LIGHT + (thread + i / HEAVY_EVERY) % 2
                                : (thread + i) % LIGHT;
                        assertEquals(expected.get(which), calls.get(which).call(), "call " + which);
                    }
                    return CALLS_PER_THREAD;
                }));
            }
            int done = 0;
            for (Future<Integer> worker : workers) {
                done += worker.get(5, TimeUnit.MINUTES);
            }
            assertEquals(THREADS * CALLS_PER_THREAD, done);
        } finally {
            pool.shutdownNow();
        }
        System.out.printf("%d threads x %d mixed calls in %d ms%n", THREADS, CALLS_PER_THREAD,
                (System.nanoTime() - started) / 1_000_000);
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }
}
