package dev.tokenscale.host.cli;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.tokenscale.host.embed.Notices;
import dev.tokenscale.host.embed.Progress;
import java.io.PrintWriter;

/**
 * Wires the CLI for one command line: results go to standard output ({@link Output}); what the host skips goes to
 * standard error, one {@code warning:} line each ({@link Notices}); long sweeps draw a bar there when it is a
 * terminal ({@link Progress}); and {@link HostLauncher} starts hosts with these two in place of the host's own.
 */
final class CliModule extends AbstractModule {

    private final PrintWriter out;
    private final PrintWriter err;

    CliModule(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    @Provides
    @Singleton
    Output output() {
        return new Output(out);
    }

    @Provides
    @Singleton
    Notices notices() {
        return line -> {
            err.println("warning: " + line);
            err.flush();
        };
    }

    @Provides
    @Singleton
    ProgressBar progressBar() {
        return new ProgressBar(err, System.console() != null);
    }

    @Provides
    Progress progress(ProgressBar bar) {
        return bar;
    }
}
