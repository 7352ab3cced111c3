package dev.tokenscale.host.cli;

import java.util.List;
import picocli.CommandLine.Command;

/**
 * The top command; each job is a subcommand ({@link #SUBCOMMANDS}), which {@link Main} adds itself: only the one a
 * command line names, since building every command's model costs a short command about a third of a second.
 */
@Command(name = "tokenscale", mixinStandardHelpOptions = true, version = "tokenscale 1.0.0",
        description = "Compare AI-inference hardware side by side: tokens per user per second, tokens per chip "
                + "per second, cost and power, for any installed model on any installed hardware.")
final class TokenscaleCommand {

    /** Every subcommand, in the order help lists them. */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            PluginsCommand.class,
            HardwareCommand.class,
            ModelsCommand.class,
            EstimateCommand.class,
            PlaceCommand.class,
            CompareCommand.class,
            ExploreCommand.class,
            FleetCommand.class,
            ValidateCommand.class,
            FidelityCommand.class,
            CalibrateCommand.class,
            BenchCommand.class,
            PluginCommand.class,
            ServeCommand.class);
}
