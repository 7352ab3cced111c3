package dev.tokenscale.host.cli;

import java.io.PrintStream;

/**
 * A progress bar (or, when the number of steps is not known, a count) on standard error for long work, drawn only
 * when standard output is a terminal (never in pipes or files) and only once the work has taken longer than
 * {@link #DELAY_NANOS}, so quick runs stay clean.
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

    /** One step is done: a bar when the total is known, else a count of the steps so far. */
    synchronized void step() {
        done++;
        if (to != null && System.nanoTime() - started > DELAY_NANOS) {
            int filled = total > 0 ? WIDTH * done / total : 0;
            to.print("\r" + label + (total > 0 ? " [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + done
                    + "/" + total : ": " + done));
            to.flush();
            drawn = true;
        }
    }

    @Override
    public synchronized void close() {
        if (drawn) {
            to.print("\r" + " ".repeat(label.length() + WIDTH + 16) + "\r");
            to.flush();
        }
    }
}
