package dev.tokenscale.host.cli;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import java.io.PrintWriter;

/** Wires the host's own components for the CLI: where output goes, and how hosts are started. */
final class CliModule extends AbstractModule {

    private final PrintWriter out;

    CliModule(PrintWriter out) {
        this.out = out;
    }

    @Provides
    Output output() {
        return new Output(out);
    }

    @Provides
    HostLauncher launcher() {
        return new HostLauncher();
    }
}
