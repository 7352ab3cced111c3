package dev.tokenscale.host.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options every command accepts after its name: where plugins and extra files come from, and verbosity. */
public final class HostOptions {

    @Option(names = "--plugins", paramLabel = "DIR",
            description = "Also load the plugin bundles and spec files in DIR (repeatable).")
    List<Path> pluginDirs = new ArrayList<>();

    @Option(names = "--hardware-file", paramLabel = "FILE",
            description = "Also load this spec-only hardware file (YAML or JSON; repeatable).")
    List<Path> hardwareFiles = new ArrayList<>();

    @Option(names = "--model-file", paramLabel = "FILE",
            description = "Also load this model file (tokenscale YAML/JSON or a Hugging Face config.json; repeatable).")
    List<Path> modelFiles = new ArrayList<>();

    @Option(names = "--calibration", paramLabel = "FILE",
            description = "Apply this calibration (written by `tokenscale calibrate`) to its hardware (repeatable, one "
                    + "per hardware).")
    List<Path> calibrationFiles = new ArrayList<>();

    @Option(names = {"-v", "--verbose"}, description = "Log what the host does, with timings.")
    boolean verbose;
}
