package dev.tokenscale.host.cli;

import java.io.PrintStream;

/**
 * A progress bar with the time left on standard error for long sweeps, drawn only when standard output is a terminal (never in pipes
 * or files) and only once the work has taken longer than {@link #DELAY_NANOS}, so quick runs stay clean.
 */
final class Progress implements AutoCloseable {

    /** Quiet for this long; a sweep that ends sooner shows no bar. */
    static final long DELAY_NANOS = 500_000_000L;
    private static final int WIDTH = 30;

    private final String label;
    private final PrintStream to;
    private final long started = System.nanoTime();
    private int total;
    private int done;
    private boolean drawn;

    private Progress(String label, PrintStream to) {
        this.label = label;
        this.to = to;
    }

    /** A bar on standard error when standard output is a terminal, else one that draws nothing. */
    static Progress onTerminal(String label) {
        return new Progress(label, System.console() != null ? System.err : null);
    }

    /** Sets how many steps the work has. */
    synchronized void total(int steps) {
        total = steps;
    }

    /** One step is done. */
    synchronized void step() {
        done++;
        long elapsed = System.nanoTime() - started;
        if (to != null && total > 0 && elapsed > DELAY_NANOS) {
            int filled = WIDTH * Math.min(done, total) / total;
            to.print("\r" + label + " [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + done + "/" + total
                    + eta(elapsed));
            to.flush();
            drawn = true;
        }
    }

    /** Time left at the pace so far, as {@code " ETA 1:05"}. */
    private String eta(long elapsedNanos) {
        long seconds = Math.round(elapsedNanos / 1e9 * Math.max(0, total - done) / done);
        return String.format(java.util.Locale.ROOT, " ETA %d:%02d  ", seconds / 60, seconds % 60);
    }

    @Override
    public synchronized void close() {
        if (drawn) {
            to.print("\r" + " ".repeat(label.length() + WIDTH + 32) + "\r");
            to.flush();
        }
    }
}
