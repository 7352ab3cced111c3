package dev.tokenscale.host.embed;

import dev.tokenscale.host.engine.Accelerator;
import dev.tokenscale.host.engine.PluginFault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Runs the work on each hardware system as its own task, so that a family that throws, hangs or answers nonsense
 * fails its own systems and no other. A task that has run longer than the timeout is abandoned (interrupted; a
 * thread stuck in plugin code cannot be stopped, so the pool grows by one to keep its capacity) and reported to
 * {@code hung}, which lets the host stop calling that family. Tasks run on as many threads as there are
 * processors; the timeout counts from a task's start, not from its submission.
 */
final class PluginCalls {

    private static final AtomicInteger THREAD_COUNT = new AtomicInteger();
    private static final ThreadPoolExecutor POOL = pool();

    /** What one task gave: its value, or why it failed. */
    record Outcome<T>(Accelerator system, T value, String failure) {
    }

    private PluginCalls() {
    }

    private static ThreadPoolExecutor pool() {
        int threads = Runtime.getRuntime().availableProcessors();
        return new ThreadPoolExecutor(threads, threads, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, "tokenscale-system-" + THREAD_COUNT.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /**
     * Runs {@code work} on each system and waits for every outcome, in the systems' order; {@code done} hears of
     * each outcome as it is known (from any thread).
     */
    static <T> List<Outcome<T>> each(List<Accelerator> systems, Function<Accelerator, T> work, Duration timeout,
                                     BiConsumer<Accelerator, String> hung, java.util.function.Consumer<Outcome<T>> done) {
        List<Future<T>> futures = new ArrayList<>();
        List<AtomicLong> starts = new ArrayList<>();
        for (Accelerator system : systems) {
            AtomicLong started = new AtomicLong();
            starts.add(started);
            futures.add(POOL.submit(() -> {
                started.set(System.nanoTime());
                return work.apply(system);
            }));
        }
        List<Outcome<T>> outcomes = new ArrayList<>();
        for (int i = 0; i < systems.size(); i++) {
            Outcome<T> outcome = await(systems.get(i), futures.get(i), starts.get(i), timeout, hung);
            done.accept(outcome);
            outcomes.add(outcome);
        }
        return outcomes;
    }

    /** The work on one system, failing with a {@link PluginFault} when it failed or timed out. */
    static <T> T one(Accelerator system, Function<Accelerator, T> work, Duration timeout,
                     BiConsumer<Accelerator, String> hung) {
        Outcome<T> outcome = each(List.of(system), work, timeout, hung, o -> { }).get(0);
        if (outcome.failure() != null) {
            throw new PluginFault(system.spec().family(), outcome.failure(), null);
        }
        return outcome.value();
    }

    private static <T> Outcome<T> await(Accelerator system, Future<T> future, AtomicLong started, Duration timeout,
                                        BiConsumer<Accelerator, String> hung) {
        while (true) {
            long start = started.get();
            long waitNanos = start == 0 ? TimeUnit.MILLISECONDS.toNanos(20)
                    : timeout.toNanos() - (System.nanoTime() - start);
            try {
                return new Outcome<>(system, future.get(Math.max(waitNanos, 0), TimeUnit.NANOSECONDS), null);
            } catch (TimeoutException e) {
                if (start != 0 && System.nanoTime() - start >= timeout.toNanos()) {
                    return abandon(system, future, timeout, hung);
                }
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof InvalidInputException mistake) {
                    throw mistake;   // the request's, found while working on this system: no family failed
                }
                if (cause instanceof PluginFault fault) {
                    return new Outcome<>(system, null, fault.getMessage());
                }
                if (cause instanceof RuntimeException || cause instanceof LinkageError) {
                    // Not the model's timing but the family's other code (resolve, a rule of its own): still the
                    // family's failure, reported with the system.
                    return new Outcome<>(system, null, "family '" + system.spec().family() + "' failed: "
                            + PluginFault.describe(cause));
                }
                throw new IllegalStateException("estimating " + system.id() + " failed", cause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                future.cancel(true);
                throw new IllegalStateException("interrupted while estimating " + system.id(), e);
            }
        }
    }

    private static <T> Outcome<T> abandon(Accelerator system, Future<T> future, Duration timeout,
                                          BiConsumer<Accelerator, String> hung) {
        future.cancel(true);
        synchronized (POOL) {
            POOL.setMaximumPoolSize(POOL.getMaximumPoolSize() + 1);
            POOL.setCorePoolSize(POOL.getCorePoolSize() + 1);
        }
        String reason = "family '" + system.spec().family() + "' did not answer within " + timeout.toMillis()
                + " ms";
        hung.accept(system, reason);
        return new Outcome<>(system, null, reason);
    }
}
