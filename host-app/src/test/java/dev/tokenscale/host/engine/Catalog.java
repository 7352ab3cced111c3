package dev.tokenscale.host.engine;

import dev.tokenscale.api.AcceleratorSpec;
import dev.tokenscale.api.ModelArchitecture;
import dev.tokenscale.host.spec.HardwareReader;
import dev.tokenscale.host.spec.ModelReader;
import dev.tokenscale.host.spec.SpecException;
import java.nio.file.Path;

/** The plugins' spec files read straight from the source tree, for tests that need no framework. */
final class Catalog {

    private static final Path REPO = Path.of(System.getProperty("tokenscale.repo"));

    private Catalog() {
    }

    static ModelArchitecture model(String id) throws SpecException {
        return ModelReader.read(REPO.resolve("plugin-workloads/src/main/resources/models/" + id + ".yaml"));
    }

    static AcceleratorSpec nvidia(String id) throws SpecException {
        return HardwareReader.read(REPO.resolve("plugin-nvidia/src/main/resources/hardware/" + id + ".yaml"));
    }
}
