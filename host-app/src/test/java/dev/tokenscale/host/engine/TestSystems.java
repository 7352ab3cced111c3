package dev.tokenscale.host.engine;

import dev.tokenscale.api.ModelArchitecture;
import dev.tokenscale.api.RooflineExecutionModel;
import dev.tokenscale.host.spec.HardwareReader;
import dev.tokenscale.host.spec.ModelReader;
import dev.tokenscale.host.spec.SpecException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Real parts for engine and CLI tests: the round-number test server on the default roofline, and the catalog's models. */
public final class TestSystems {

    private TestSystems() {
    }

    /** The made-up 8-GPU server of {@code compare/test-gpu.yaml}: $350,400, 10 kW, 8 GPUs of 100 GB. */
    public static Accelerator testGpu() {
        try (InputStream in = TestSystems.class.getResourceAsStream("/compare/test-gpu.yaml")) {
            var spec = HardwareReader.read(in, "test-gpu.yaml");
            return new Accelerator(spec, new RooflineExecutionModel(spec), "test resource");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SpecException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A model of the built-in catalog, read from the repository (the tokenscale.repo property). */
    public static ModelArchitecture model(String id) {
        try {
            return ModelReader.read(Path.of(System.getProperty("tokenscale.repo"), "plugin-workloads", "src", "main",
                    "resources", "models", id + ".yaml"));
        } catch (SpecException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A frontier point with only the fields the tests look at set. */
    static OperatingPoint point(int batch, int devices, double perUser, double perChip, double costPerMillion) {
        return new OperatingPoint(batch, "tp=" + devices, devices, 1, devices, 1, 1, perUser, perChip, perChip,
                perChip * 8, costPerMillion, 0, perChip * 1000, 1 / perUser, 0.01, 0);
    }
}
