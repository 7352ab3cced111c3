package dev.tokenscale.host.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.tokenscale.host.embed.InvalidInputException;
import dev.tokenscale.host.engine.PluginFault;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

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
        Injector injector = Guice.createInjector(new CliModule(out, err));
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        // Guice builds the commands; picocli keeps building its own values (collections, converters).
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type.getPackageName().startsWith("dev.tokenscale") ? injector.getInstance(type)
                        : defaults.create(type);
            }
        };
        CommandLine cli = new CommandLine(TokenscaleCommand.class, factory);
        for (Class<?> subcommand : subcommandsFor(args)) {
            cli.addSubcommand(subcommand.getAnnotation(Command.class).name(), subcommand);
        }
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setOut(out);
        cli.setErr(err);
        // A mistyped option or value is one line that says where help is, not the whole usage text.
        cli.setParameterExceptionHandler((exception, arguments) -> {
            err.println("error: " + exception.getMessage() + " (see "
                    + exception.getCommandLine().getCommandSpec().qualifiedName() + " --help)");
            err.flush();
            return 2;
        });
        cli.setExecutionExceptionHandler((exception, commandLine, parseResult) -> {
            if (exception instanceof UserException) {
                err.println("error: " + exception.getMessage());
            } else if (exception instanceof InvalidInputException invalid) {
                err.println("error: " + invalid.optionMessage());
            } else if (exception instanceof PluginFault fault) {
                err.println("error: " + fault.getMessage());
            } else {
                err.println("error: " + exception + " (run with -v for details)");
                org.slf4j.LoggerFactory.getLogger(Main.class).debug("failure", exception);
            }
            err.flush();
            return 1;
        });
        return cli.execute(args);
    }

    /** The subcommand the command line names, or every one (for help, the version, or a name to correct). */
    private static List<Class<?>> subcommandsFor(String[] args) {
        List<Class<?>> named = TokenscaleCommand.SUBCOMMANDS.stream()
                .filter(c -> args.length > 0 && c.getAnnotation(Command.class).name().equals(args[0])).toList();
        return named.isEmpty() ? TokenscaleCommand.SUBCOMMANDS : named;
    }
}
