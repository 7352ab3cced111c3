package dev.tokenscale.host.runtime;

import dev.tokenscale.api.AcceleratorFamily;
import dev.tokenscale.api.AcceleratorSpec;
import dev.tokenscale.api.ModelArchitecture;
import dev.tokenscale.api.roofline.RooflineFamily;
import dev.tokenscale.host.engine.Accelerator;
import dev.tokenscale.host.engine.Calibration;
import dev.tokenscale.host.runtime.PluginData.Sourced;
import dev.tokenscale.host.spec.SpecException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Matches the declared specs to the installed families, each with its calibration applied first, into an immutable
 * {@link Snapshot}. The snapshot is rebuilt only after a bundle, service or file event said that something changed,
 * and on first use after it (so that a burst of events at start-up costs one rebuild); readers in between share it.
 * Each problem is a notice once, the first time a snapshot that has it is used.
 */
final class Registry implements AutoCloseable {

    private final Map<String, Calibration> calibrations = new LinkedHashMap<>();
    private final List<AcceleratorFamily> ownFamilies;
    private final Consumer<String> notices;
    private final Supplier<List<PluginData>> declared;
    private final ServiceTracker<AcceleratorFamily, AcceleratorFamily> families;
    /** Why a bundle's family service has no object (its DS component failed to activate), by bundle id. */
    private final Map<Long, String> failedFamilies = new ConcurrentHashMap<>();
    private final AtomicLong changes = new AtomicLong();
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    /** Families that stopped answering, with why: their systems are skipped until their plugin is redeployed. */
    private final Map<AcceleratorFamily, String> quarantined = Collections.synchronizedMap(new IdentityHashMap<>());
    private volatile Snapshot current;

    /**
     * What the plugins provide at one moment.
     *
     * @param installed          every usable system and model, for the engines
     * @param families           the families by id
     * @param refused            why a bundle's family was refused (its id is another bundle's), by bundle id
     * @param problems           one line per spec that is not usable, keyed by the spec's origin
     * @param duplicateModels    one line per model skipped because another plugin provides its id
     * @param calibrationProblem why a calibration cannot apply to the spec it names, if one cannot
     */
    record Snapshot(Installed installed, Map<String, AcceleratorFamily> families, Map<Long, String> refused,
                    Map<String, String> problems,
                    List<String> duplicateModels, Optional<String> calibrationProblem) {
    }

    /**
     * A registry over the families registered in this context, the host's own (the default roofline and those the
     * configuration gives in process), and the data {@code declared} returns: bundles' data before spec-only files', so that a built-in system keeps
     * its id.
     */
    Registry(EmbeddedFramework framework, HostConfig config, Supplier<List<PluginData>> declared) {
        config.calibrations().forEach(c -> this.calibrations.put(c.hardware(), c));
        List<AcceleratorFamily> own = new ArrayList<>(List.of(new RooflineFamily()));
        own.addAll(config.families());
        this.ownFamilies = List.copyOf(own);
        this.notices = config.notices();
        this.declared = declared;
        this.families = new ServiceTracker<>(framework.context(), AcceleratorFamily.class, null) {
            @Override
            public AcceleratorFamily addingService(ServiceReference<AcceleratorFamily> reference) {
                AcceleratorFamily family = super.addingService(reference);
                Bundle bundle = reference.getBundle();
                if (family == null && bundle != null) {
                    String failure = framework.componentFailure(bundle).orElse("its family service has no object");
                    failedFamilies.put(bundle.getBundleId(), failure);
                    notices.accept("plugin " + bundle.getSymbolicName() + " skipped: " + failure);
                } else if (bundle != null) {
                    failedFamilies.remove(bundle.getBundleId());
                }
                changed();
                return family;
            }

            @Override
            public void modifiedService(ServiceReference<AcceleratorFamily> reference, AcceleratorFamily service) {
                changed();
            }

            @Override
            public void removedService(ServiceReference<AcceleratorFamily> reference, AcceleratorFamily service) {
                super.removedService(reference, service);
                changed();
            }
        };
    }

    void open() {
        families.open();
    }

    /** Something the snapshot depends on changed: the next reader builds a new one. */
    void changed() {
        changes.incrementAndGet();
        current = null;
    }

    /** The current snapshot, built now if an event made the last one stale. */
    Snapshot snapshot() {
        Snapshot snapshot = current;
        if (snapshot != null) {
            return snapshot;
        }
        synchronized (this) {
            if (current != null) {
                return current;
            }
            long seen = changes.get();
            snapshot = build();
            // An event during the build leaves the registry stale, so the next reader builds again.
            if (changes.get() == seen) {
                current = snapshot;
            }
            return snapshot;
        }
    }

    /** The current snapshot's systems and models; its problems are notices the first time they are seen. */
    Installed installed() {
        Snapshot snapshot = snapshot();
        snapshot.problems().values().forEach(problem -> warnOnce(problem + "; skipped"));
        snapshot.duplicateModels().forEach(this::warnOnce);
        return snapshot.installed();
    }

    private void warnOnce(String line) {
        if (warned.add(line)) {
            notices.accept(line);
        }
    }

    /** Why this bundle's family could not be used (its DS component failed to activate), if it could not. */
    Optional<String> familyFailure(Bundle bundle) {
        return Optional.ofNullable(failedFamilies.get(bundle.getBundleId()));
    }

    /** The calibration applied to a hardware id, if any. */
    Optional<Calibration> calibration(String hardwareId) {
        return Optional.ofNullable(calibrations.get(hardwareId));
    }

    /**
     * Stops using a family that did not answer in time: its thread may be stuck in the family's code for good, so
     * its systems are skipped (and reported) until its plugin is redeployed with a new family service.
     */
    void quarantine(String familyId, String reason) {
        AcceleratorFamily family = snapshot().families().get(familyId);
        if (family != null && !ownFamilies.contains(family)) {
            quarantined.put(family, reason);
            changed();
        }
    }

    private Snapshot build() {
        Map<Long, String> refused = new LinkedHashMap<>();
        Map<String, AcceleratorFamily> familiesById = familiesById(refused);
        Map<String, String> skipped = new LinkedHashMap<>();
        familiesById.values().removeIf(family -> {
            String reason = quarantined.get(family);
            if (reason != null) {
                skipped.put(family.id(), reason);
            }
            return reason != null;
        });
        List<PluginData> data = declared.get();
        Map<String, Accelerator> accelerators = new LinkedHashMap<>();
        Map<String, String> problems = new LinkedHashMap<>();
        String calibrationProblem = null;
        for (Sourced<AcceleratorSpec> spec : data.stream().flatMap(d -> d.hardware().stream()).toList()) {
            Sourced<AcceleratorSpec> calibrated;
            try {
                calibrated = calibrated(spec);
            } catch (IllegalArgumentException e) {
                calibrationProblem = calibrationProblem == null ? e.getMessage() : calibrationProblem;
                continue;
            }
            String reason = skipped.get(spec.value().family());
            if (reason != null) {
                problems.put(spec.origin(), spec.origin() + ": " + reason + "; its systems are skipped until its "
                        + "plugin is redeployed");
                continue;
            }
            try {
                Accelerator accelerator = accelerate(calibrated, familiesById);
                Accelerator first = accelerators.putIfAbsent(accelerator.id(), accelerator);
                if (first != null) {
                    throw new SpecException(spec.origin(), "id", "'" + accelerator.id() + "' is already provided by "
                            + first.origin() + "; expected a unique id");
                }
            } catch (SpecException e) {
                problems.put(spec.origin(), e.getMessage());
            }
        }
        Map<String, ModelArchitecture> models = new LinkedHashMap<>();
        List<String> duplicateModels = new ArrayList<>();
        for (Sourced<ModelArchitecture> model : data.stream().flatMap(d -> d.models().stream()).toList()) {
            if (models.putIfAbsent(model.value().id(), model.value()) != null) {
                duplicateModels.add(model.origin() + ": model id '" + model.value().id()
                        + "' is already provided; skipped");
            }
        }
        Installed installed = new Installed(
                accelerators.values().stream().sorted(Comparator.comparing(Accelerator::id)).toList(),
                models.values().stream().sorted(Comparator.comparing(ModelArchitecture::id)).toList());
        return new Snapshot(installed, Map.copyOf(familiesById), Map.copyOf(refused), Map.copyOf(problems),
                List.copyOf(duplicateModels),
                Optional.ofNullable(calibrationProblem));
    }

    /** The spec with its calibration applied, when the host has one for it. */
    private Sourced<AcceleratorSpec> calibrated(Sourced<AcceleratorSpec> spec) {
        Calibration calibration = calibrations.get(spec.value().id());
        return calibration == null ? spec : new Sourced<>(calibration.applyTo(spec.value()), spec.origin());
    }

    /**
     * The families by id: the host's own first, then every tracked family service by bundle. A family whose id is
     * already taken is refused: {@code refused} gets why, by bundle.
     */
    private Map<String, AcceleratorFamily> familiesById(Map<Long, String> refused) {
        Map<String, AcceleratorFamily> familiesById = new LinkedHashMap<>();
        Map<String, String> owners = new LinkedHashMap<>();
        ownFamilies.forEach(family -> {
            familiesById.put(family.id(), family);
            owners.put(family.id(), "the host");
        });
        // The bundle installed first owns an id (the built-in plugins are installed before any other), whichever
        // registered its service first: declarative services register in their own time.
        List<Map.Entry<ServiceReference<AcceleratorFamily>, AcceleratorFamily>> byBundle =
                new ArrayList<>(families.getTracked().entrySet());
        byBundle.sort(Comparator.comparingLong((Map.Entry<ServiceReference<AcceleratorFamily>, AcceleratorFamily> e)
                -> e.getKey().getBundle() == null ? Long.MAX_VALUE : e.getKey().getBundle().getBundleId())
                .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()));
        for (Map.Entry<ServiceReference<AcceleratorFamily>, AcceleratorFamily> tracked : byBundle) {
            AcceleratorFamily family = tracked.getValue();
            Bundle bundle = tracked.getKey().getBundle();
            if (family == null || bundle == null) {
                continue;
            }
            String id;
            try {
                id = family.id();
            } catch (RuntimeException e) {
                refused.put(bundle.getBundleId(), "its family's id() threw " + e);
                continue;
            }
            String owner = owners.putIfAbsent(id, bundle.getSymbolicName());
            if (owner == null) {
                familiesById.put(id, family);
            } else {
                refused.put(bundle.getBundleId(), "refused: family id '" + id + "' is already provided by " + owner
                        + "; expected an id of its own");
            }
        }
        return familiesById;
    }

    /** A declared spec resolved by its family, with the family's execution model; or why it cannot be used. */
    static Accelerator accelerate(Sourced<AcceleratorSpec> declared, Map<String, AcceleratorFamily> familiesById)
            throws SpecException {
        AcceleratorSpec spec = declared.value();
        AcceleratorFamily family = familiesById.get(spec.family());
        if (family == null) {
            throw new SpecException(declared.origin(), "family", "'" + spec.family()
                    + "': expected an installed family, one of " + String.join(", ", new TreeSet<>(
                    familiesById.keySet())));
        }
        try {
            return Accelerator.of(family, spec, declared.origin());
        } catch (RuntimeException e) {
            throw new SpecException(declared.origin(), "family", "'" + spec.family() + "' rejected it: "
                    + e.getMessage());
        }
    }

    @Override
    public void close() {
        families.close();
    }
}
