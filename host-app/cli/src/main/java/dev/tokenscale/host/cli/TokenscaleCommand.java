package dev.tokenscale.host.cli;

import picocli.CommandLine.Command;

/** The top command; each job is a subcommand. */
@Command(name = "tokenscale", mixinStandardHelpOptions = true, version = "tokenscale 1.0.0",
        description = "Compare AI-inference hardware side by side: tokens per user per second, tokens per chip "
                + "per second, cost and power, for any installed model on any installed hardware.",
        subcommands = {
                PluginsCommand.class,
                HardwareCommand.class,
                ModelsCommand.class,
                EstimateCommand.class,
                PlaceCommand.class,
                CompareCommand.class,
                ExploreCommand.class,
                FleetCommand.class,
                ValidateCommand.class,
                CalibrateCommand.class,
                BenchCommand.class,
                PluginCommand.class,
                ServeCommand.class})
final class TokenscaleCommand {
}
