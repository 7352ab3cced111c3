package dev.tokenscale.host.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenscale.host.engine.Accelerator;
import dev.tokenscale.host.testing.BadSpecs;
import dev.tokenscale.host.testing.BadSpecs.Case;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad spec-only files given to one real host at once: each is reported with its file, field, value and expectation,
 * and everything else (the built-in plugins, a good file beside them) still loads.
 */
class BadSpecFilesIT {

    /** Cases that only show once the spec meets the installed families and systems. */
    static final List<Case> HOST_CASES = List.of(
            new Case("family not installed", "family: roofline", "family: rooflin", "family",
                    List.of("'rooflin'", "expected an installed family", "cerebras-wafer", "groq-lpu", "nvidia-hbm",
                            "roofline")),
            new Case("id of a built-in system", "id: test-wafer", "id: cerebras-cs3", "id",
                    List.of("'cerebras-cs3'", "already provided by dev.tokenscale.plugin-cerebras!/hardware/"
                            + "cerebras-cs3.yaml", "unique")));

    @Test
    void eachBadFileIsReportedPreciselyAndNothingElseIsAffected(@TempDir Path dir) throws IOException {
        Map<Path, Case> bad = new LinkedHashMap<>();
        List<Case> cases = Stream.concat(BadSpecs.CASES.stream(), HOST_CASES.stream()).toList();
        for (int i = 0; i < cases.size(); i++) {
            bad.put(Files.writeString(dir.resolve("bad-" + i + ".yaml"), cases.get(i).text()), cases.get(i));
        }
        Path good = Files.writeString(dir.resolve("good-wafer.yaml"),
                BadSpecs.GOOD.replace("id: test-wafer", "id: good-wafer"));
        List<Path> files = new ArrayList<>(bad.keySet());
        files.add(good);

        try (PluginHost host = PluginHost.start(new HostConfig(
                List.of(Path.of(System.getProperty("tokenscale.home"), "plugins")), files, List.of()))) {
            Map<String, PluginReport> reports = new LinkedHashMap<>();
            host.plugins().forEach(report -> reports.put(report.location(), report));
            bad.forEach((file, expected) -> {
                PluginReport report = reports.get(file.toString());
                assertNotNull(report, expected.name());
                assertEquals("FAILED", report.state(), expected.name());
                String error = report.error();
                String prefix = file + ": " + (expected.field().isEmpty() ? "" : "field '" + expected.field() + "': ");
                assertTrue(error.startsWith(prefix), expected.name() + ": " + error);
                expected.keywords().forEach(word -> assertTrue(error.contains(word),
                        expected.name() + ": '" + word + "' not in: " + error));
                assertEquals(1, error.lines().count(), error);
            });
            assertEquals("LOADED", reports.get(good.toString()).state());
            reports.values().stream().filter(r -> !r.location().startsWith(dir.toString()))
                    .forEach(r -> assertNull(r.error(), r.name()));

            List<String> ids = host.installed().accelerators().stream().map(Accelerator::id).toList();
            assertTrue(ids.containsAll(List.of("cerebras-cs1", "cerebras-cs2", "cerebras-cs3", "groq-lpu-v1",
                    "stacked-sram-4layer", "nvidia-h100", "nvidia-b200", "good-wafer")), ids.toString());
            assertEquals("dev.tokenscale.plugin-cerebras!/hardware/cerebras-cs3.yaml",
                    host.installed().accelerators().stream().filter(a -> a.id().equals("cerebras-cs3"))
                            .findFirst().orElseThrow().origin());
        }
    }
}
