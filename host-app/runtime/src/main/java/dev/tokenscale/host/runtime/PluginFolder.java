package dev.tokenscale.host.runtime;

import dev.tokenscale.host.spec.SpecMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the host reads from a plugin folder: jars and spec files that are regular files inside the folder. A pipe
 * named {@code x.yaml} would block the reader, and a symbolic link to a file elsewhere would let whoever can write
 * to the folder show that file's content in the plugin reports, so both are refused with the reason.
 */
final class PluginFolder {

    private PluginFolder() {
    }

    /** Whether the name is one the host deploys: a jar or a spec file, not hidden. */
    static boolean isPluginName(Path file) {
        String name = file.getFileName().toString();
        return !name.startsWith(".") && (name.endsWith(".jar") || SpecMapper.isSpecFile(name));
    }

    /** Why a file of a plugin folder is not read, or empty when it may be. */
    static Optional<String> refusal(Path file) {
        Path folder = file.toAbsolutePath().getParent();
        try {
            if (Files.isSymbolicLink(file) && !file.toRealPath().startsWith(folder.toRealPath())) {
                return Optional.of("a symbolic link to a file outside the plugin folder; expected a file in it");
            }
        } catch (IOException e) {
            return Optional.of("a symbolic link that does not resolve (" + e.getClass().getSimpleName() + ")");
        }
        if (!Files.isRegularFile(file)) {
            return Optional.of(Files.isDirectory(file) ? "a folder; expected a jar or a spec file"
                    : "not a regular file (a pipe, socket or device); expected a jar or a spec file");
        }
        return Optional.empty();
    }
}
