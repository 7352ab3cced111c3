package dev.tokenscale.host.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tokenscale plugin ...}: tools for plugin authors. */
@Command(name = "plugin", mixinStandardHelpOptions = true, description = "Tools for plugin authors.",
        subcommands = {PluginVerifyCommand.class})
final class PluginCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand (verify)");
    }
}
