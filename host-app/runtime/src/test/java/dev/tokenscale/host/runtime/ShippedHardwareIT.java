package dev.tokenscale.host.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenscale.api.ComputeRate;
import dev.tokenscale.api.MemoryTier;
import dev.tokenscale.host.engine.Accelerator;
import dev.tokenscale.host.spec.HardwareWriter;
import dev.tokenscale.host.spec.HardwareWriter.Fact;
import dev.tokenscale.host.spec.HardwareWriter.Notation;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every hardware spec the plugins ship, loaded through the real framework from the built bundles. */
@ExtendWith(BuiltInPlugins.class)
class ShippedHardwareIT {

    private static PluginHost host;
    private static Map<String, Accelerator> installed;

    @BeforeAll
    static void shared(PluginHost builtIn) {
        host = builtIn;
        installed = host.installed().accelerators().stream()
                .collect(Collectors.toMap(Accelerator::id, Function.identity()));
    }

    @Test
    void everyShippedSpecFileIsInstalledUnderItsFileName() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> plugins = Files.newDirectoryStream(Path.of(System.getProperty("tokenscale.repo")),
                "plugin-*")) {
            for (Path plugin : plugins) {
                Path hardware = plugin.resolve("src/main/resources/hardware");
                if (Files.isDirectory(hardware)) {
                    try (Stream<Path> specs = Files.list(hardware)) {
                        specs.forEach(files::add);
                    }
                }
            }
        }
        assertTrue(files.size() >= 12, "shipped spec files: " + files);
        for (Path file : files) {
            String id = file.getFileName().toString().replaceFirst("\\.(yaml|yml|json)$", "");
            Accelerator accelerator = installed.get(id);
            assertNotNull(accelerator, id + " is not installed; installed: " + installed.keySet());
            assertTrue(accelerator.origin().endsWith("!/hardware/" + file.getFileName()), accelerator.origin());
        }
        assertEquals(files.size(), installed.size(), "installed: " + installed.keySet());
        host.plugins().forEach(plugin -> assertNull(plugin.error(), plugin.name()));
    }

    @Test
    void everySystemHoldsItsInvariants() {
        for (Accelerator accelerator : installed.values()) {
            String id = accelerator.id();
            for (MemoryTier tier : accelerator.spec().memory()) {
                assertTrue(tier.capacity().value() > 0, id + " " + tier.name() + " capacity");
                assertTrue(tier.bandwidth().value() > 0, id + " " + tier.name() + " bandwidth");
            }
            accelerator.spec().interconnects().forEach(link -> assertTrue(link.bandwidth().value() > 0,
                    id + " " + link.name() + " bandwidth"));
            for (Map.Entry<?, ComputeRate> rate : accelerator.spec().compute().entrySet()) {
                assertTrue(rate.getValue().dense().value() > 0, id + " " + rate.getKey() + " dense");
                if (rate.getValue().marketed() != null) {
                    assertTrue(rate.getValue().dense().value() <= rate.getValue().marketed().value(),
                            id + " " + rate.getKey() + ": dense above marketed");
                }
            }
            List<Fact> facts = HardwareWriter.facts(accelerator.spec(), Notation.SI);
            assertTrue(facts.size() >= 12, id + " has only " + facts.size() + " figures");
            for (Fact fact : facts) {
                assertTrue(fact.source().matches("https?://\\S+") || fact.source().startsWith("estimate: "),
                        id + " " + fact.path() + ": source is neither a URL nor \"estimate: why\": " + fact.source());
                if (fact.value() instanceof Number number) {
                    assertTrue(number.doubleValue() >= 0 && Double.isFinite(number.doubleValue()),
                            id + " " + fact.path() + " = " + number);
                } else {
                    assertFalse(fact.value().toString().isBlank(), id + " " + fact.path());
                }
            }
        }
    }
}
