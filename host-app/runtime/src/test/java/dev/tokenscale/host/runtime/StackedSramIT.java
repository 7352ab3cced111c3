package dev.tokenscale.host.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenscale.api.MemoryTier;
import dev.tokenscale.host.engine.Accelerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The groq-lpu family derives a stacked part's SRAM tier from its {@code stack:} parameters, so a spec-only copy with
 * more layers is a bigger part without any Java.
 */
class StackedSramIT {

    private static final double BASE_SRAM = 500e6;
    private static final double LAYER_BYTES = 600 * 1.7e6;

    @Test
    void sramCapacityGrowsWithTheLayersOfTheStack(@TempDir Path dir) throws IOException {
        Path shipped = Path.of(System.getProperty("tokenscale.repo"),
                "plugin-groq-stacked/src/main/resources/hardware/stacked-sram-4layer.yaml");
        String eightLayers = replaceOnce(replaceOnce(Files.readString(shipped),
                "id: stacked-sram-4layer", "id: stacked-sram-8layer"),
                "layers:\n    value: 4\n", "layers:\n    value: 8\n");
        Path copy = Files.writeString(dir.resolve("stacked-sram-8layer.yaml"), eightLayers);

        try (PluginHost host = PluginHost.start(new HostConfig(
                List.of(Path.of(System.getProperty("tokenscale.home"), "plugins")), List.of(copy), List.of()))) {
            host.plugins().forEach(plugin -> assertNull(plugin.error(), plugin.name()));
            List<Accelerator> all = host.installed().accelerators();

            MemoryTier four = sram(all, "stacked-sram-4layer");
            assertEquals(BASE_SRAM + 4 * LAYER_BYTES, four.capacity().value(), 1);
            assertEquals(4.58e9, four.capacity().value(), 1);
            assertEquals(500_000 * 2.4e9 / 8, four.bandwidth().value(), 1);
            assertTrue(four.capacity().isEstimate(), four.capacity().source());

            MemoryTier eight = sram(all, "stacked-sram-8layer");
            assertEquals(BASE_SRAM + 8 * LAYER_BYTES, eight.capacity().value(), 1);
            assertEquals(four.bandwidth().value(), eight.bandwidth().value(), 1);
            assertEquals(copy.toString(), all.stream().filter(a -> a.id().equals("stacked-sram-8layer"))
                    .findFirst().orElseThrow().origin());
        }
    }

    private static MemoryTier sram(List<Accelerator> all, String id) {
        return all.stream().filter(a -> a.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError(id + " is not installed")).spec().primaryMemory();
    }

    private static String replaceOnce(String text, String find, String replacement) {
        assertEquals(1, text.split(java.util.regex.Pattern.quote(find), -1).length - 1, "'" + find + "' once");
        return text.replace(find, replacement);
    }
}
