package dev.tokenscale.host.runtime;

import dev.tokenscale.api.AcceleratorFamily;
import dev.tokenscale.host.runtime.PluginReport.Provides;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/** The reporting: one {@link PluginReport} per bundle, failed file and spec-only file, for people and for JSON. */
final class PluginReports {

    private PluginReports() {
    }

    /**
     * One report per plugin, sorted by location. A plugin's error lists its files that did not parse and its specs
     * that no installed family accepts.
     *
     * @param refused  why a bundle's family was refused, by bundle id: the bundle is reported as failed
     * @param problems one line per unusable spec, keyed by the spec's origin
     */
    static List<PluginReport> all(EmbeddedFramework framework, Deployments deployments, SpecExtender extender,
                                  Registry registry, Map<Long, String> refused, Map<String, String> problems) {
        List<PluginReport> reports = new ArrayList<>();
        for (Bundle bundle : framework.context().getBundles()) {
            if (framework.isHostBundle(bundle) || deployments.failed(bundle)) {
                continue;
            }
            PluginData data = extender.data(bundle);
            Optional<String> failure = Optional.ofNullable(refused.get(bundle.getBundleId()))
                    .or(() -> bundle.getState() == Bundle.ACTIVE ? registry.familyFailure(bundle) : Optional.empty());
            String errors = errors(data, problems);
            reports.add(of(bundle, failure.isPresent() ? "FAILED" : stateName(bundle.getState()), data,
                    failure.map(f -> errors == null ? f : f + "; " + errors).orElse(errors)));
        }
        reports.addAll(deployments.failures());
        deployments.files().forEach((file, data) -> {
            String error = errors(data, problems);
            reports.add(new PluginReport(file.getFileName().toString(), "", error == null ? "LOADED" : "FAILED",
                    file.toString(), provides(data, List.of()), error));
        });
        reports.sort(Comparator.comparing(PluginReport::location));
        return reports;
    }

    /** The report of one bundle: the families it registers and the data it declares ({@code null}: none read). */
    static PluginReport of(Bundle bundle, String state, PluginData data, String error) {
        List<String> familyIds = new ArrayList<>();
        ServiceReference<?>[] registered = bundle.getRegisteredServices();
        if (registered != null) {
            for (ServiceReference<?> ref : registered) {
                Object id = ref.getProperty(AcceleratorFamily.SERVICE_PROPERTY_ID);
                if (id != null) {
                    familyIds.add(id.toString());
                }
            }
        }
        // Every bundle was installed from a file URI; report its path like the files that are not bundles.
        String path = Path.of(URI.create(bundle.getLocation())).toString();
        return new PluginReport(bundle.getSymbolicName(), bundle.getVersion().toString(), state, path,
                data == null ? new Provides(familyIds, List.of(), List.of()) : provides(data, familyIds), error);
    }

    private static Provides provides(PluginData data, List<String> familyIds) {
        return new Provides(familyIds, data.hardware().stream().map(s -> s.value().id()).toList(),
                data.models().stream().map(s -> s.value().id()).toList());
    }

    private static String errors(PluginData data, Map<String, String> problems) {
        if (data == null) {
            return null;
        }
        List<String> errors = new ArrayList<>(data.errors());
        data.hardware().stream().map(s -> problems.get(s.origin())).filter(Objects::nonNull).forEach(errors::add);
        return errors.isEmpty() ? null : String.join("; ", errors);
    }

    private static String stateName(int state) {
        return switch (state) {
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            default -> "UNINSTALLED";
        };
    }
}
