package dev.tokenscale.host.engine;

import dev.tokenscale.api.AcceleratorSpec;
import dev.tokenscale.api.ModelArchitecture;
import dev.tokenscale.host.spec.HardwareReader;
import dev.tokenscale.host.spec.ModelReader;
import dev.tokenscale.host.spec.SpecException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The plugins' spec files read straight from the source tree, for tests that need no framework. */
public final class Catalog {

    private static final Path REPO = Path.of(System.getProperty("tokenscale.repo"));
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

    static AcceleratorSpec nvidia(String id) throws SpecException {
        return HardwareReader.read(REPO.resolve("plugin-nvidia/src/main/resources/hardware/" + id + ".yaml"));
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
