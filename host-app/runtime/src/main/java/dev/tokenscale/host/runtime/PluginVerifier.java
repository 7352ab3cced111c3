package dev.tokenscale.host.runtime;

import dev.tokenscale.api.AcceleratorFamily;
import dev.tokenscale.api.AcceleratorSpec;
import dev.tokenscale.api.PluginHeaders;
import dev.tokenscale.host.engine.Accelerator;
import dev.tokenscale.host.runtime.PluginData.Sourced;
import dev.tokenscale.host.spec.SpecException;
import dev.tokenscale.host.verify.Check;
import dev.tokenscale.host.verify.ExitCalls;
import dev.tokenscale.host.verify.ModelChecks;
import dev.tokenscale.host.verify.SpecChecks;
import dev.tokenscale.host.verify.Verification;
import dev.tokenscale.api.roofline.RooflineFamily;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

/**
 * The conformance kit: loads one plugin jar into a fresh host of its own and checks that it is a bundle, resolves
 * against this host's SPI, starts, registers well-formed services or declares data, and that every spec it declares
 * is usable, complete, sourced and plausible ({@link SpecChecks}) with an execution model that behaves
 * ({@link ModelChecks}). The jar is first loaded alone; when its specs name families it does not provide, it is
 * loaded again next to the built-in plugins that may provide them.
 */
public final class PluginVerifier {

    private static final String SPI_PACKAGE = AcceleratorFamily.class.getPackageName();

    private PluginVerifier() {
    }

    /**
     * Verifies a jar.
     *
     * @param jar            the plugin jar
     * @param familyFolders  plugin folders (usually the built-in one) that may provide families the jar's specs name
     */
    public static Verification verify(Path jar, List<Path> familyFolders) {
        // Checked before the plugin is loaded: one that ends the process would end the verification with it.
        List<String> exits;
        try {
            exits = ExitCalls.in(jar);
        } catch (IOException e) {
            return new Verification(jar.toString(), jar.getFileName().toString(),
                    List.of(Check.fail("bundle", "not a readable jar: " + e.getMessage())));
        }
        if (!exits.isEmpty()) {
            return new Verification(jar.toString(), jar.getFileName().toString(), List.of(Check.fail(
                    "keeps the host running", String.join("; ", exits) + ": plugins run in the host's process, so "
                            + "this would end every command and the server; throw an exception instead")));
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("tokenscale-verify");
            Files.copy(jar, dir.resolve(jar.getFileName()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage " + jar + " for verification", e);
        }
        Path copy = dir.resolve(jar.getFileName());
        try {
            try (PluginHost alone = PluginHost.start(new HostConfig(List.of(dir), List.of(), List.of()))) {
                if (familyFolders.isEmpty() || !needsOtherFamilies(alone, copy)) {
                    return inspect(alone, jar, copy);
                }
            }
            List<Path> folders = new ArrayList<>(List.of(dir));
            folders.addAll(familyFolders);
            try (PluginHost withBuiltIns = PluginHost.start(new HostConfig(folders, List.of(), List.of()))) {
                return inspect(withBuiltIns, jar, copy);
            }
        } finally {
            EmbeddedFramework.deleteRecursively(dir);
        }
    }

    private static boolean needsOtherFamilies(PluginHost host, Path copy) {
        Bundle bundle = host.bundle(copy);
        PluginData data = bundle == null ? null : host.data(bundle);
        Map<String, AcceleratorFamily> families = host.familiesById();
        return data != null && data.hardware().stream().anyMatch(s -> !families.containsKey(s.value().family()));
    }

    private static Verification inspect(PluginHost host, Path jar, Path copy) {
        List<Check> checks = new ArrayList<>();
        Bundle bundle = host.bundle(copy);
        check(host, bundle, copy, checks);
        return new Verification(jar.toString(), bundle == null ? jar.getFileName().toString()
                : bundle.getSymbolicName(), checks);
    }

    /** Adds the checks in order, stopping at the first failure that makes the later ones meaningless. */
    private static void check(PluginHost host, Bundle bundle, Path copy, List<Check> checks) {
        PluginReport failure = host.failure(copy);
        if (bundle == null) {
            checks.add(Check.fail("bundle", failure == null ? "not installed" : failure.error()));
            return;
        }
        checks.add(Check.pass("bundle", bundle.getSymbolicName() + " " + bundle.getVersion()));
        if (bundle.getState() == Bundle.INSTALLED) {
            checks.add(Check.fail("resolves", failure == null ? "did not resolve" : failure.error()));
            return;
        }
        checks.add(Check.pass("resolves", wiring(bundle)));
        if (bundle.getState() != Bundle.ACTIVE) {
            checks.add(Check.fail("starts", failure == null ? "state " + bundle.getState() : failure.error()));
            return;
        }
        checks.add(Check.pass("starts", "active"));
        List<String> familyIds = families(host, bundle, checks);
        PluginData data = host.data(bundle);
        if (familyIds.isEmpty() && data.hardware().isEmpty() && data.models().isEmpty() && data.errors().isEmpty()) {
            checks.add(Check.fail("provides", "registers no accelerator family and declares no hardware or models "
                    + "(headers " + PluginHeaders.HARDWARE + ", " + PluginHeaders.MODELS + ")"));
            return;
        }
        checks.add(Check.pass("provides", (familyIds.isEmpty() ? "" : "families " + familyIds + ", ")
                + data.hardware().size() + " hardware, " + data.models().size() + " models"));
        data.errors().forEach(error -> checks.add(Check.fail("data", error)));
        Map<String, AcceleratorFamily> families = host.familiesById();
        List<String> exercised = new ArrayList<>();
        for (Sourced<AcceleratorSpec> declared : data.hardware()) {
            String name = "spec " + declared.value().id() + ": usable";
            Accelerator accelerator;
            try {
                accelerator = Registry.accelerate(declared, families);
            } catch (SpecException e) {
                checks.add(Check.fail(name, e.getMessage()));
                continue;
            }
            String family = declared.value().family();
            exercised.add(family);
            checks.add(Check.pass(name, "family " + family + (familyIds.contains(family) ? " (this plugin)"
                    : family.equals(RooflineFamily.ID) ? " (the host's default)" : " (a built-in plugin)")));
            checks.addAll(SpecChecks.check(accelerator.spec()));
            checks.addAll(ModelChecks.check(accelerator));
        }
        familyIds.stream().filter(id -> !exercised.contains(id)).forEach(id -> checks.add(Check.skip(
                "family " + id, "not exercised: no spec in this plugin names it")));
    }

    /** How the bundle's SPI import was wired, e.g. "imports dev.tokenscale.api [1.0,2), wired to 1.0.0". */
    private static String wiring(Bundle bundle) {
        for (BundleWire wire : bundle.adapt(BundleWiring.class).getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE)) {
            Map<String, Object> exported = wire.getCapability().getAttributes();
            if (SPI_PACKAGE.equals(exported.get(PackageNamespace.PACKAGE_NAMESPACE))) {
                return "imports " + SPI_PACKAGE + " " + ResolveDiagnosis.range(wire.getRequirement())
                        + ", wired to this host's " + exported.get(PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE);
            }
        }
        return "does not import " + SPI_PACKAGE + " (a data-only plugin)";
    }

    /** The ids of the families the bundle registers; a malformed registration adds a failed check. */
    private static List<String> families(PluginHost host, Bundle bundle, List<Check> checks) {
        BundleContext context = host.context();
        List<String> ids = new ArrayList<>();
        ServiceReference<?>[] registered = bundle.getRegisteredServices();
        for (ServiceReference<?> ref : registered == null ? new ServiceReference<?>[0] : registered) {
            if (!List.of((String[]) ref.getProperty("objectClass")).contains(AcceleratorFamily.class.getName())) {
                continue;
            }
            Object property = ref.getProperty(AcceleratorFamily.SERVICE_PROPERTY_ID);
            Object service = context.getService(ref);
            try {
                String problem = service == null ? host.componentFailure(bundle)
                        .orElse("the service object is missing") : familyProblem(property, service);
                if (problem == null) {
                    ids.add(property.toString());
                    checks.add(Check.pass("registers family " + property, ((AcceleratorFamily) service).description()));
                } else {
                    checks.add(Check.fail("registers family " + (property == null ? "?" : property), problem));
                }
            } finally {
                context.ungetService(ref);
            }
        }
        return ids;
    }

    private static String familyProblem(Object property, Object service) {
        if (!(service instanceof AcceleratorFamily family)) {
            return "the service object is missing or not an AcceleratorFamily";
        }
        try {
            if (property == null) {
                return "registered without the service property " + AcceleratorFamily.SERVICE_PROPERTY_ID
                        + " (set it to id() '" + family.id() + "')";
            }
            if (!property.equals(family.id())) {
                return "service property " + AcceleratorFamily.SERVICE_PROPERTY_ID + " is '" + property
                        + "' but id() is '" + family.id() + "'";
            }
            if (family.description() == null || family.description().isBlank()) {
                return "description() is empty";
            }
        } catch (RuntimeException e) {
            return "id() or description() threw " + e;
        }
        return null;
    }
}
