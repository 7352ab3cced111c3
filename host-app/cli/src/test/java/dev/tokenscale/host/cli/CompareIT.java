package dev.tokenscale.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenscale.api.MemoryKind;
import dev.tokenscale.api.Precision;
import dev.tokenscale.api.ModelArchitecture;
import dev.tokenscale.host.embed.Lookup;
import dev.tokenscale.host.engine.Accelerator;
import dev.tokenscale.host.engine.Comparison;
import dev.tokenscale.host.engine.Curve;
import dev.tokenscale.host.engine.Curves;
import dev.tokenscale.host.engine.Economics;
import dev.tokenscale.host.engine.OperatingPoint;
import dev.tokenscale.host.engine.Workload;
import dev.tokenscale.host.runtime.HostConfig;
import dev.tokenscale.host.runtime.Installed;
import dev.tokenscale.host.runtime.PluginHost;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * gpt-oss-120b compared on every built-in system through a real plugin host: the bus and the Ferrari, and
 * frontiers that are Pareto frontiers.
 */
class CompareIT {

    private static PluginHost host;
    private static Installed installed;
    private static Comparison comparison;

    @BeforeAll
    static void compareEverySystem() {
        host = PluginHost.start(new HostConfig(List.of(Path.of(System.getProperty("tokenscale.home"), "plugins")),
                List.of(), List.of()));
        installed = host.installed();
        ModelArchitecture model = Lookup.model(installed.models(), "gpt-oss-120b");
        comparison = Comparison.of(model, installed.accelerators(), Workload.of(model, 1, 8192, 1024),
                Economics.DEFAULT, null, Curves.Limits.NONE, List.of(), curve -> { });
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    private static Set<String> hbmGpus() {
        return installed.accelerators().stream()
                .filter(a -> a.spec().primaryMemory().kind() == MemoryKind.HBM)
                .map(Accelerator::id).collect(Collectors.toSet());
    }

    @Test
    void everyInstalledSystemIsCompared() {
        assertEquals(installed.accelerators().stream().map(Accelerator::id).toList(),
                comparison.systems().stream().map(Curve::hardware).toList());
        assertTrue(hbmGpus().size() >= 4, "the NVIDIA plugin's HBM GPUs: " + hbmGpus());
    }

    @Test
    void theFerrariIsAtLeastFourTimesFasterThanTheFastestHbmGpu() {
        Map<String, Curve> byId = comparison.systems().stream()
                .collect(Collectors.toMap(Curve::hardware, Function.identity()));
        Curve wafer = byId.get("cerebras-cs3");
        Curve fastestGpu = comparison.systems().stream().filter(c -> hbmGpus().contains(c.hardware()))
                .max(Comparator.comparingDouble(Curve::maxInteractivity)).orElseThrow();
        assertTrue(wafer.maxInteractivity() >= 4 * fastestGpu.maxInteractivity(), String.format(Locale.ROOT,
                "cerebras-cs3 %.0f tokens/s/user vs %s %.0f", wafer.maxInteractivity(), fastestGpu.hardware(),
                fastestGpu.maxInteractivity()));
    }

    @Test
    void theBusIsTheCheapestAtFiftyTokensPerUser() {
        Map<String, OperatingPoint> cheapest = comparison.systems().stream()
                .filter(c -> c.cheapestAtLeast(50).isPresent())
                .collect(Collectors.toMap(Curve::hardware, c -> c.cheapestAtLeast(50).orElseThrow()));
        String winner = cheapest.entrySet().stream()
                .min(Comparator.comparingDouble(e -> e.getValue().costPerMillionTokensUsd()))
                .map(Map.Entry::getKey).orElseThrow();
        assertTrue(hbmGpus().contains(winner), "cheapest at 50 tokens/s/user: " + winner + " among " + cheapest
                .entrySet().stream().map(e -> String.format(Locale.ROOT, "%s $%.3f", e.getKey(),
                        e.getValue().costPerMillionTokensUsd())).sorted().toList());
        assertTrue(cheapest.containsKey("cerebras-cs3"), "the wafer also reaches 50 tokens/s/user");
    }

    @Test
    void everyFrontierIsAParetoFrontierSortedByInteractivity() {
        for (Curve curve : comparison.systems()) {
            List<OperatingPoint> frontier = curve.frontier();
            for (OperatingPoint p : frontier) {
                for (OperatingPoint q : frontier) {
                    boolean dominates = q.tokensPerUserPerSecond() >= p.tokensPerUserPerSecond()
                            && q.tokensPerChipPerSecond() >= p.tokensPerChipPerSecond() && q != p;
                    assertFalse(dominates, curve.hardware() + ": " + q + " dominates " + p);
                }
            }
            for (int i = 1; i < frontier.size(); i++) {
                assertTrue(frontier.get(i).tokensPerUserPerSecond() > frontier.get(i - 1).tokensPerUserPerSecond(),
                        curve.hardware() + " is sorted by interactivity");
            }
            assertEquals(curve.frontier().isEmpty(), curve.problem() != null, curve.hardware());
        }
    }

    @Test
    void deepSeekFp4OnEightB200sServesTwelveHundredTokensPerGpuAtFortyFiveTokensPerUserUnderDpAttention() {
        // InferenceX's 1,024/1,024 workload on NVIDIA's NVFP4 checkpoint (experts in NVFP4), one 8-GPU server. The
        // sweep doubles batches, and DP attention's point at 256 lands at 43 tokens/s/user; the deployments
        // InferenceX measures between 128 and 256 sequences are reached by capping the batch at 192.
        ModelArchitecture model = Lookup.model(installed.models(), "deepseek-v3");
        Accelerator b200 = installed.accelerators().stream().filter(a -> a.id().equals("nvidia-b200")).findFirst()
                .orElseThrow();
        Workload workload = Workload.of(model, 1, 2048, 1024).withExperts(Precision.NVFP4);
        Curve curve = Curves.sweep(model, b200, workload, Economics.DEFAULT, null, new Curves.Limits(8, 192));
        OperatingPoint best = curve.frontier().stream()
                .filter(p -> p.placement().contains("DP attention") && p.tokensPerUserPerSecond() >= 45)
                .max(Comparator.comparingDouble(OperatingPoint::totalTokensPerChipPerSecond))
                .orElseThrow(() -> new AssertionError("no DP-attention point at 45 tokens/s/user: " + curve.frontier()));
        assertTrue(best.totalTokensPerChipPerSecond() >= 1200, best.toString());
        assertTrue(best.placement().contains("ep=8"), best.placement());
    }
}
