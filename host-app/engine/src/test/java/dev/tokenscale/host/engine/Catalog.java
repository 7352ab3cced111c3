package dev.tokenscale.host.engine;

import dev.tokenscale.api.AcceleratorFamily;
import dev.tokenscale.api.AcceleratorSpec;
import dev.tokenscale.api.ModelArchitecture;
import dev.tokenscale.api.roofline.RooflineFamily;
import dev.tokenscale.host.spec.HardwareReader;
import dev.tokenscale.host.spec.ModelReader;
import dev.tokenscale.host.spec.SpecException;
import dev.tokenscale.plugin.cerebras.WaferFamily;
import dev.tokenscale.plugin.groqstacked.LpuFamily;
import dev.tokenscale.plugin.nvidia.HbmGpuFamily;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Real parts for tests that need no framework: the built-in plugins' spec files read straight from the source tree,
 * each matched to its plugin's family as the host matches them, the catalog's models, and a round-number test
 * server on the default roofline.
 */
public final class Catalog {

    private static final Path REPO = Path.of(System.getProperty("tokenscale.repo"));
    private static final List<String> HARDWARE_PLUGINS = List.of("plugin-nvidia", "plugin-cerebras",
            "plugin-groq-stacked");
    private static final Map<String, AcceleratorFamily> FAMILIES = Stream.of(new RooflineFamily(), new HbmGpuFamily(),
            new WaferFamily(), new LpuFamily()).collect(Collectors.toMap(AcceleratorFamily::id, Function.identity()));
    private static final Map<String, ModelArchitecture> MODELS = readModels();

    private Catalog() {
    }

    /** Every catalog model by id. */
    public static Map<String, ModelArchitecture> models() {
        return MODELS;
    }

    /** One catalog model. */
    public static ModelArchitecture model(String id) {
        ModelArchitecture m = MODELS.get(id);
        if (m == null) {
            throw new IllegalArgumentException("no catalog model " + id + " in " + MODELS.keySet());
        }
        return m;
    }

    /** A built-in hardware system as the host installs it: its spec resolved by its family, with its execution model. */
    public static Accelerator hardware(String id) {
        return accelerator(spec(id));
    }

    /** Every built-in hardware system, sorted by id. */
    public static List<Accelerator> accelerators() {
        List<Accelerator> all = new ArrayList<>();
        for (String plugin : HARDWARE_PLUGINS) {
            try (Stream<Path> files = Files.list(REPO.resolve(plugin + "/src/main/resources/hardware"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                    all.add(accelerator(HardwareReader.read(file)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (SpecException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        all.sort(Comparator.comparing(Accelerator::id));
        return all;
    }

    /** The declared spec of a built-in hardware system, before its family resolves it. */
    public static AcceleratorSpec spec(String id) {
        for (String plugin : HARDWARE_PLUGINS) {
            Path file = REPO.resolve(plugin + "/src/main/resources/hardware/" + id + ".yaml");
            if (Files.isRegularFile(file)) {
                try {
                    return HardwareReader.read(file);
                } catch (SpecException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            }
        }
        throw new IllegalArgumentException("no built-in hardware " + id);
    }

    /** A spec matched to its built-in family. */
    public static Accelerator accelerator(AcceleratorSpec spec) {
        AcceleratorFamily family = FAMILIES.get(spec.family());
        if (family == null) {
            throw new IllegalArgumentException(spec.id() + ": no built-in family " + spec.family());
        }
        return Accelerator.of(family, spec, "source tree");
    }

    /** The made-up 8-GPU server of {@code compare/test-gpu.yaml}: $350,400, 10 kW, 8 GPUs of 100 GB. */
    public static Accelerator testGpu() {
        try (InputStream in = Catalog.class.getResourceAsStream("/compare/test-gpu.yaml")) {
            return accelerator(HardwareReader.read(in, "test-gpu.yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SpecException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A frontier point with only the fields the tests look at set. */
    static OperatingPoint point(int batch, int devices, double perUser, double perChip, double costPerMillion) {
        return new OperatingPoint(batch, "tp=" + devices, OperatingPoint.CO_LOCATED, devices, 0, 1, devices, 1, 1, 1,
                perUser, perChip, perChip,
                perChip * 8, costPerMillion, 0, perChip * 1000, 1 / perUser, 0.01, 0);
    }

    private static Map<String, ModelArchitecture> readModels() {
        Map<String, ModelArchitecture> models = new TreeMap<>();
        try (Stream<Path> files = Files.list(REPO.resolve("plugin-workloads/src/main/resources/models"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                ModelArchitecture m = ModelReader.read(file);
                models.put(m.id(), m);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SpecException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return models;
    }
}
