package dev.tokenscale.host.embed;

import static dev.tokenscale.host.testing.TestPlugins.bundle;
import static dev.tokenscale.host.testing.TestPlugins.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenscale.api.Precision;
import dev.tokenscale.host.engine.Curve;
import dev.tokenscale.host.engine.Estimate;
import dev.tokenscale.host.engine.FleetPlan;
import dev.tokenscale.host.engine.ModelSummary;
import dev.tokenscale.host.engine.PlacementSearch.Objective;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The embedding API with the real framework and the built-in plugins, as an integrator uses it. */
@ExtendWith(BuiltInHost.class)
class TokenscaleIT {

    /** The distribution's built-in plugins, which failsafe keeps off the class path. */
    static final Path BUILT_IN = Path.of(System.getProperty("tokenscale.home"), "plugins");

    @TempDir
    Path dir;

    private static List<String> ids(Tokenscale ts) {
        return ts.hardware().stream().map(Hardware::id).toList();
    }

    @Test
    void twoHostsWithDifferentPluginsWorkSideBySide() throws Exception {
        Path mine = dir.resolve("mine");
        bundle("test.npu").hardware("test-npu.yaml", spec("test-npu", "roofline")).write(mine.resolve("npu.jar"));
        Files.writeString(mine.resolve("llama-mini.yaml"), Files.readString(Path.of(System.getProperty(
                "tokenscale.repo"), "plugin-workloads/src/main/resources/models/llama-3.1-8b.yaml"))
                .replace("id: llama-3.1-8b", "id: llama-mini"));
        try (Tokenscale builtIn = Tokenscale.builder().builtInPlugins(BUILT_IN).build();
             Tokenscale custom = Tokenscale.builder().withoutBuiltInPlugins().pluginDir(mine).build()) {
            assertEquals(List.of("test-npu"), ids(custom));
            assertEquals(List.of("llama-mini"), custom.models().stream().map(ModelSummary::id).toList());
            assertTrue(ids(builtIn).containsAll(List.of("cerebras-cs3", "nvidia-h100", "groq-lpu-v1")),
                    ids(builtIn).toString());
            assertFalse(ids(builtIn).contains("test-npu"));
            InvalidInputException unknown = assertThrows(InvalidInputException.class,
                    () -> custom.estimate(EstimateRequest.of("llama-mini", "nvidia-h100")));
            assertEquals("unknown hardware 'nvidia-h100'; did you mean test-npu?", unknown.getMessage());

            Estimate onNpu = custom.estimate(EstimateRequest.of("llama-mini", "test-npu"));
            assertTrue(onNpu.fits() && onNpu.tokensPerUserPerSecond() > 0, onNpu.toString());
            builtIn.close();
            assertEquals(onNpu, custom.estimate(EstimateRequest.of("llama-mini", "test-npu")),
                    "closing one host leaves the other working");
            assertEquals("this tokenscale host is closed", assertThrows(IllegalStateException.class,
                    builtIn::hardware).getMessage());
        }
    }

    @Test
    void closeStopsTheFrameworkAndDeletesItsCache() throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Set<Path> before = felixCaches(tmp);
        bundle("cache.marker").write(dir.resolve("marker.jar"));
        Tokenscale ts = Tokenscale.builder().withoutBuiltInPlugins().pluginDir(dir).build();
        // Ours is the new cache that holds a bundle from this test's own folder (others may run beside us).
        List<Path> ours;
        try {
            Set<Path> created = felixCaches(tmp);
            created.removeAll(before);
            ours = created.stream().filter(cache -> mentions(cache, dir.toUri().toString())).toList();
        } finally {
            ts.close();
        }
        assertEquals(1, ours.size(), ours.toString());
        assertFalse(Files.exists(ours.get(0)), ours.get(0) + " is still there");
    }

    @Test
    void requestsCarryDefaultsAndRefuseBadValuesInOneLine() {
        EstimateRequest request = EstimateRequest.of("gpt-oss-120b", "cerebras-cs3");
        assertEquals(List.of(1, 8192L, 1024L, Objective.INTERACTIVITY, 4096), List.of(request.batch(),
                request.context(), request.prompt(), request.objective(), request.maxDevices()));
        assertEquals(32, request.withBatch(32).batch());
        assertEquals("batch 0: expected a whole number from 1 to 65,536",
                assertThrows(InvalidInputException.class, () -> request.withBatch(0)).getMessage());
        assertEquals("context -5: expected a whole number from 1 to 1,073,741,824",
                assertThrows(InvalidInputException.class, () -> request.withContext(-5, 10)).getMessage());
        InvalidInputException acceptance = assertThrows(InvalidInputException.class,
                () -> new EstimateRequest.Speculative("llama-3.1-8b", 4, 1.0));
        assertEquals("speculative.acceptance", acceptance.field());
        assertEquals("--speculative acceptance 1.0: expected a probability in [0, 1)", acceptance.optionMessage());
        assertEquals("placement pp=2,tp=8: expected at most maxDevices 8 devices; it uses 16",
                assertThrows(InvalidInputException.class, () -> request.withSearch(Objective.COST, 0, 8)
                        .withPlacement(new EstimateRequest.Layout(8, null, 2, null, null))).getMessage());
        assertEquals("model is required", assertThrows(InvalidInputException.class,
                () -> PlaceRequest.of(" ", "nvidia-h100")).getMessage());
        assertEquals("top 0: expected a whole number from 1 to 10,000", assertThrows(InvalidInputException.class,
                () -> PlaceRequest.of("llama-3.1-8b", "nvidia-h100").withSearch(Objective.COST, 0, 8, 0))
                .getMessage());
    }

    @Test
    void theBuilderRefusesWhatDoesNotExistAndLeavesNothingRunning() throws Exception {
        assertEquals(dir.resolve("nope") + ": no such plugin folder", assertThrows(InvalidInputException.class,
                () -> Tokenscale.builder().pluginDir(dir.resolve("nope")).build()).getMessage());
        assertEquals(dir.resolve("none.yaml") + ": no such file", assertThrows(InvalidInputException.class,
                () -> Tokenscale.builder().hardwareFile(dir.resolve("none.yaml")).build()).getMessage());
        Path broken = Files.writeString(dir.resolve("broken.yaml"), spec("broken", "roofline", "32 GB", "-1 GB"));
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> Tokenscale.builder().withoutBuiltInPlugins().hardwareFile(broken).build());
        assertTrue(refused.getMessage().startsWith(broken + ": field 'memory[0].capacity.value'"),
                refused.getMessage());
    }

    @Test
    void estimatesPlacesAndListsWhatTheBuiltInPluginsProvide(Tokenscale ts) {
        Estimate wafer = ts.estimate(EstimateRequest.of("gpt-oss-120b", "cerebras-cs3"));
        Estimate gpu = ts.estimate(EstimateRequest.of("gpt-oss-120b", "nvidia-b200"));
        assertTrue(wafer.tokensPerUserPerSecond() > 4 * gpu.tokensPerUserPerSecond(),
                wafer.tokensPerUserPerSecond() + " vs " + gpu.tokensPerUserPerSecond());
        Estimate fp8 = ts.estimate(EstimateRequest.of("llama-3.1-70b", "nvidia-h100")
                .withPrecisions(Precision.FP8, null, null).withBatch(16));
        assertEquals(List.of("fp8", 16), List.of(fp8.weightPrecision(), fp8.batch()));
        PlacementRanking ranking = ts.place(PlaceRequest.of("llama-3.1-70b", "nvidia-h100")
                .withSearch(Objective.THROUGHPUT, 0, 4096, 3));
        assertEquals(3, ranking.ranked().size());
        assertTrue(ranking.ranked().get(0).tokensPerChipPerSecond()
                >= ranking.ranked().get(2).tokensPerChipPerSecond(), ranking.toString());
        Estimate evaluated = ts.estimate(EstimateRequest.of("llama-3.1-70b", "nvidia-h100")
                .withPlacement(ranking.ranked().get(0).layout()));
        assertEquals(ranking.ranked().get(0).placement(), evaluated.placement().label());
        assertTrue(ts.models().stream().anyMatch(m -> m.id().equals("kimi-k2")));
        assertTrue(ts.plugins().stream().allMatch(p -> p.state().equals("ACTIVE")), ts.plugins().toString());
    }

    @Test
    void comparesAndSizesFleetsAsTheCliDoes(Tokenscale ts) {
        ComparisonResult result = ts.compare(CompareRequest.of("gpt-oss-120b")
                .withHardware(List.of("cerebras-cs3", "nvidia-b200", "nvidia-h200")));
        List<Curve> systems = result.comparison().systems();
        assertEquals(List.of("cerebras-cs3", "nvidia-b200", "nvidia-h200"),
                systems.stream().map(Curve::hardware).toList());
        double wafer = systems.get(0).maxInteractivity();
        assertTrue(wafer > 4 * Math.max(systems.get(1).maxInteractivity(), systems.get(2).maxInteractivity()),
                systems.toString());
        assertEquals(50, result.costAtInteractivity());
        assertEquals(40, result.premium().standardInteractivity());
        assertEquals("standardHardware groq-lpu-v1: expected one of the compared systems: cerebras-cs3, "
                + "nvidia-b200, nvidia-h200", assertThrows(InvalidInputException.class, () -> ts.compare(
                new CompareRequest("gpt-oss-120b", List.of("cerebras-cs3", "nvidia-b200", "nvidia-h200"), null,
                        null, null, null, null, null, null, null, null, "groq-lpu-v1", null, null, null)))
                .getMessage());

        FleetSizing sizing = ts.fleet(FleetRequest.of("gpt-oss-120b", 7.5e8).withInteractivity(1000)
                .withHardware(List.of("nvidia-b200", "cerebras-cs3")));
        assertEquals(List.of("nvidia-b200", "cerebras-cs3"), sizing.fleets().stream().map(FleetPlan::hardware)
                .sorted(java.util.Comparator.reverseOrder()).toList());
        for (FleetPlan plan : sizing.fleets()) {
            assertEquals(plan.hardware().equals("cerebras-cs3"), plan.reachesTarget(), plan.toString());
            assertTrue(plan.facilityWatts() <= 7.5e8 && plan.systems() > 0, plan.toString());
        }
        EconomicsRequest cheapPower = new EconomicsRequest(null, null, 0.0, null, null, null);
        assertEquals(0.0, ts.compare(CompareRequest.of("llama-3.1-8b").withHardware(List.of("nvidia-h100"))
                .withEconomics(cheapPower)).comparison().economics().dollarsPerKwh());
    }

    private static Set<Path> felixCaches(Path tmp) throws IOException {
        try (Stream<Path> entries = Files.list(tmp)) {
            return new HashSet<>(entries.filter(p -> p.getFileName().toString().startsWith("tokenscale-felix"))
                    .toList());
        }
    }

    private static boolean mentions(Path cache, String text) {
        try (Stream<Path> files = Files.walk(cache)) {
            return files.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().equals("bundle.info"))
                    .anyMatch(f -> read(f).contains(text));
        } catch (IOException e) {
            return false;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }
}
