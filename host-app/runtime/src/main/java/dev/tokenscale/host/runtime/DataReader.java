package dev.tokenscale.host.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenscale.api.AcceleratorSpec;
import dev.tokenscale.api.ModelArchitecture;
import dev.tokenscale.api.PluginHeaders;
import dev.tokenscale.host.runtime.PluginData.Sourced;
import dev.tokenscale.host.spec.BoundedInput;
import dev.tokenscale.host.spec.HardwareReader;
import dev.tokenscale.host.spec.ModelReader;
import dev.tokenscale.host.spec.SpecException;
import dev.tokenscale.host.spec.SpecMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.osgi.framework.Bundle;

/**
 * Reads the data a plugin declares: the resources named by a bundle's {@link PluginHeaders} (the extender pattern,
 * so data-only bundles need no Java), or a spec-only file given on the command line or dropped in a plugin folder.
 */
final class DataReader {

    private DataReader() {
    }

    /** The hardware and models a bundle declares in its manifest. */
    static PluginData fromBundle(Bundle bundle) {
        List<Sourced<AcceleratorSpec>> hardware = new ArrayList<>();
        List<Sourced<ModelArchitecture>> models = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (URL entry : entries(bundle, PluginHeaders.HARDWARE)) {
            String origin = bundle.getSymbolicName() + "!" + entry.getPath();
            try (InputStream in = entry.openStream()) {
                hardware.add(new Sourced<>(HardwareReader.read(in, origin), origin));
            } catch (SpecException e) {
                errors.add(e.getMessage());
            } catch (IOException e) {
                errors.add(origin + ": cannot read: " + e.getMessage());
            }
        }
        for (URL entry : entries(bundle, PluginHeaders.MODELS)) {
            String origin = bundle.getSymbolicName() + "!" + entry.getPath();
            try (InputStream in = entry.openStream()) {
                models.add(new Sourced<>(ModelReader.read(in, origin), origin));
            } catch (SpecException e) {
                errors.add(e.getMessage());
            } catch (IOException e) {
                errors.add(origin + ": cannot read: " + e.getMessage());
            }
        }
        return new PluginData(hardware, models, errors);
    }

    private static List<URL> entries(Bundle bundle, String header) {
        String value = bundle.getHeaders().get(header);
        if (value == null || value.isBlank()) {
            return List.of();
        }
        List<URL> urls = new ArrayList<>();
        for (String path : value.split(",")) {
            String trimmed = path.trim();
            URL file = bundle.getEntry(trimmed);
            if (file != null && !trimmed.endsWith("/") && SpecMapper.isSpecFile(trimmed)) {
                urls.add(file);
                continue;
            }
            var found = bundle.findEntries(trimmed, "*", true);
            if (found != null) {
                Collections.list(found).stream().filter(u -> SpecMapper.isSpecFile(u.getPath())).forEach(urls::add);
            }
        }
        urls.sort(Comparator.comparing(URL::getPath));
        return urls;
    }

    /**
     * A spec-only file found in a plugin folder: a hardware spec if it has a field that only hardware has, else a
     * model. The kind is decided by the top-level keys so that a dropped file needs no naming convention.
     */
    static PluginData fromFile(Path file) {
        String name = file.toString();
        try {
            byte[] content = BoundedInput.read(file, BoundedInput.SPEC_BYTES);
            return isHardware(content, name) ? hardware(HardwareReader.read(content, name), name)
                    : model(ModelReader.read(content, name), name);
        } catch (SpecException e) {
            return failed(e);
        }
    }

    /** A spec-only hardware file. */
    static PluginData hardwareFile(Path file) {
        try {
            return hardware(HardwareReader.read(file), file.toString());
        } catch (SpecException e) {
            return failed(e);
        }
    }

    /** A model file. */
    static PluginData modelFile(Path file) {
        try {
            return model(ModelReader.read(file), file.toString());
        } catch (SpecException e) {
            return failed(e);
        }
    }

    private static PluginData hardware(AcceleratorSpec spec, String origin) {
        return new PluginData(List.of(new Sourced<>(spec, origin)), List.of(), List.of());
    }

    private static PluginData model(ModelArchitecture model, String origin) {
        return new PluginData(List.of(), List.of(new Sourced<>(model, origin)), List.of());
    }

    private static PluginData failed(SpecException e) {
        return new PluginData(List.of(), List.of(), List.of(e.getMessage()));
    }

    private static boolean isHardware(byte[] content, String name) {
        try {
            JsonNode tree = SpecMapper.tree(content, name);
            return tree != null && (tree.has("family") || tree.has("memory") || tree.has("compute"));
        } catch (SpecException e) {
            // Not even well-formed: let the hardware reader report the syntax error with its line and column.
            return true;
        }
    }
}
