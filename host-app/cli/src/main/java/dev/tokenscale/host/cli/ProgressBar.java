package dev.tokenscale.host.cli;

import dev.tokenscale.host.embed.Progress;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The CLI's {@link Progress}: a bar with the time left on standard error for long sweeps, drawn only when the CLI runs on a terminal
 * (never in pipes or files) and only once the command has taken longer than {@link #DELAY_NANOS}, so quick runs stay
 * clean; the bar is wiped when the last system is done.
 */
final class ProgressBar implements Progress {

    /** Quiet for this long; a command that ends sooner shows no bar. */
    static final long DELAY_NANOS = 500_000_000L;
    private static final String LABEL = "sweeping";
    private static final int WIDTH = 30;

    private final PrintWriter to;
    private final long started = System.nanoTime();
    private boolean drawn;

    /** A bar on {@code err}, or one that draws nothing when {@code onTerminal} is false. */
    ProgressBar(PrintWriter err, boolean onTerminal) {
        this.to = onTerminal ? err : null;
    }

    /**
     * Counts steps of work whose number is not known beforehand (a calibration's trials), with the same rules:
     * drawn on a terminal only, after {@link #DELAY_NANOS}; {@link #wipe()} clears it.
     */
    synchronized void counted(String what, int count) {
        if (to != null && System.nanoTime() - started > DELAY_NANOS) {
            to.print("\r" + what + ": " + count);
            to.flush();
            drawn = true;
        }
    }

    /** Clears what was drawn. */
    synchronized void wipe() {
        if (drawn) {
            to.print("\r" + " ".repeat(LABEL.length() + WIDTH + 48) + "\r");
            to.flush();
            drawn = false;
        }
    }

    /** The time left at the pace so far, as {@code " ETA 1:05"}. */
    private String eta(int done, int total) {
        long seconds = Math.round((System.nanoTime() - started) / 1e9 * (total - done) / done);
        return String.format(Locale.ROOT, " ETA %d:%02d  ", seconds / 60, seconds % 60);
    }

    @Override
    public synchronized void swept(String hardware, int done, int total) {
        if (to == null) {
            return;
        }
        if (done < total && System.nanoTime() - started > DELAY_NANOS) {
            int filled = WIDTH * done / total;
            to.print("\r" + LABEL + " [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + done + "/" + total
                    + eta(done, total));
            to.flush();
            drawn = true;
        } else if (done == total && drawn) {
            to.print("\r" + " ".repeat(LABEL.length() + WIDTH + 32) + "\r");
            to.flush();
            drawn = false;
        }
    }
}
