package dev.tokenscale.host.runtime;

import dev.tokenscale.host.testing.SharedResource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The built distribution's plugins that the integration tests load, and what they are known to provide. As a JUnit
 * extension, it gives test classes one host over them, shared by the whole run.
 */
final class BuiltInPlugins extends SharedResource<PluginHost> {

    static final List<String> NAMES = List.of("dev.tokenscale.plugin-cerebras", "dev.tokenscale.plugin-groq-stacked",
            "dev.tokenscale.plugin-nvidia", "dev.tokenscale.plugin-workloads");
    static final List<String> FAMILIES = List.of("cerebras-wafer", "groq-lpu", "nvidia-hbm");
    static final List<String> CEREBRAS = List.of("cerebras-cs1", "cerebras-cs2", "cerebras-cs3");
    static final List<String> HARDWARE = List.of("cerebras-cs1", "cerebras-cs2", "cerebras-cs3", "groq-lp30",
            "groq-lpu-v1", "nvidia-b200", "nvidia-b300", "nvidia-gb200-nvl72", "nvidia-gb300-nvl72", "nvidia-h100",
            "nvidia-h200", "stacked-sram-4layer");
    static final List<String> MODELS = List.of("deepseek-v3", "gpt-oss-120b", "gpt-oss-20b", "gpt-oss-20b-like",
            "kimi-k2", "llama-3.1-405b", "llama-3.1-70b", "llama-3.1-70b-eagle3", "llama-3.1-8b", "qwen3-235b-a22b", "qwen3-32b");

    BuiltInPlugins() {
        super(PluginHost.class);
    }

    @Override
    protected PluginHost start() {
        return host();
    }

    /** The distribution's plugins/ folder, which failsafe names through the tokenscale.home system property. */
    static Path folder() {
        Path folder = Path.of(System.getProperty("tokenscale.home"), "plugins");
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException(folder + " is missing: run the tests with mvn verify");
        }
        return folder;
    }

    /** A host over the built-in plugins and these extra folders. */
    static PluginHost host(Path... extraFolders) {
        List<Path> folders = new ArrayList<>(List.of(folder()));
        folders.addAll(List.of(extraFolders));
        return PluginHost.start(new HostConfig(folders, List.of(), List.of()));
    }
}
