package dev.tokenscale.host.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Entry point of {@code ./tokenscale}. Exit codes: 0 success, 1 failure (including bad input, reported in one
 * line), 2 usage error.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line with the given output streams and returns its exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        Injector injector = Guice.createInjector(new CliModule(out));
        CommandLine cli = new CommandLine(TokenscaleCommand.class, new CommandLine.IFactory() {
            // Guice builds the commands; picocli keeps building what it knows best (e.g. List for a repeated option).
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type.getPackageName().startsWith("dev.tokenscale.") ? injector.getInstance(type)
                        : CommandLine.defaultFactory().create(type);
            }
        }).setCaseInsensitiveEnumValuesAllowed(true);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((exception, commandLine, parseResult) -> {
            if (exception instanceof UserException) {
                err.println("error: " + exception.getMessage());
            } else {
                err.println("error: " + exception + " (run with -v for details)");
                org.slf4j.LoggerFactory.getLogger(Main.class).debug("failure", exception);
            }
            err.flush();
            return 1;
        });
        return cli.execute(args);
    }
}
