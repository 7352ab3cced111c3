package dev.tokenscale.host.cli;

import dev.tokenscale.host.embed.Plugin;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tokenscale plugins}: every bundle and spec file the host loaded, what it provides, and its error. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "List the installed plugins: symbolic name, version, state, what each provides, and errors.")
final class PluginsCommand implements Callable<Integer> {

    @Mixin
    HostOptions host;

    @Option(names = "--json", description = "Print JSON: {\"plugins\": [{name, version, state, location, "
            + "provides: {families, hardware, models}, error}]}.")
    boolean json;

    private final HostLauncher launcher;
    private final Output output;

    @Inject
    PluginsCommand(HostLauncher launcher, Output output) {
        this.launcher = launcher;
        this.output = output;
    }

    @Override
    public Integer call() {
        List<Plugin> plugins;
        try (StartedHost running = launcher.start(host)) {
            plugins = running.api().plugins();
        }
        if (json) {
            output.json(Map.of("plugins", plugins));
        } else {
            output.table(List.of("plugin", "version", "state", "provides", "error"), plugins.stream()
                    .map(p -> List.of(p.name(), p.version(), p.state(), describe(p.provides()),
                            p.error() == null ? "" : p.error()))
                    .toList());
        }
        return plugins.stream().anyMatch(p -> p.error() != null) ? 1 : 0;
    }

    private static String describe(Plugin.Provides provides) {
        StringBuilder text = new StringBuilder();
        if (!provides.families().isEmpty()) {
            text.append("family ").append(String.join(",", provides.families())).append("; ");
        }
        if (!provides.hardware().isEmpty()) {
            text.append(provides.hardware().size()).append(" hardware; ");
        }
        if (!provides.models().isEmpty()) {
            text.append(provides.models().size()).append(" models; ");
        }
        return text.length() == 0 ? "-" : text.substring(0, text.length() - 2);
    }
}
