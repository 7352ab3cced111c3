package dev.tokenscale.host.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.namespace.ExecutionEnvironmentNamespace;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;

/**
 * Turns a bundle's failure to start into one line a user can act on: which package version it needs and which the
 * host provides, which Java it needs, or the root cause of a throwing activator.
 */
final class ResolveDiagnosis {

    private static final Pattern LOWER = Pattern.compile("\\(version>=([0-9.]+)\\)");
    private static final Pattern UPPER = Pattern.compile("\\(!\\(version>=([0-9.]+)\\)\\)");
    private static final Pattern JAVA = Pattern.compile("version=([0-9.]+)");

    private ResolveDiagnosis() {
    }

    static String explain(Bundle bundle, BundleException failure, Bundle systemBundle) {
        // Exception texts may span lines; a report is one line.
        return reason(bundle, failure, systemBundle).replaceAll("\\s*\\R\\s*", " ");
    }

    private static String reason(Bundle bundle, BundleException failure, Bundle systemBundle) {
        if (failure.getType() == BundleException.ACTIVATOR_ERROR) {
            Throwable root = failure;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return "its activator failed: " + root.getClass().getSimpleName()
                    + (root.getMessage() == null ? "" : ": " + root.getMessage());
        }
        if (failure.getType() == BundleException.RESOLVE_ERROR) {
            List<String> unmet = unmetRequirements(bundle, systemBundle);
            if (!unmet.isEmpty()) {
                return String.join("; ", unmet);
            }
        }
        return failure.getMessage();
    }

    private static List<String> unmetRequirements(Bundle bundle, Bundle systemBundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        List<BundleCapability> available = new ArrayList<>();
        for (Bundle other : systemBundle.getBundleContext().getBundles()) {
            BundleRevision otherRevision = other.adapt(BundleRevision.class);
            if (otherRevision != null && other != bundle) {
                available.addAll(otherRevision.getDeclaredCapabilities(null));
            }
        }
        List<String> unmet = new ArrayList<>();
        for (BundleRequirement requirement : revision.getDeclaredRequirements(null)) {
            String namespace = requirement.getNamespace();
            boolean relevant = namespace.equals(PackageNamespace.PACKAGE_NAMESPACE)
                    || namespace.equals(ExecutionEnvironmentNamespace.EXECUTION_ENVIRONMENT_NAMESPACE);
            boolean optional = PackageNamespace.RESOLUTION_OPTIONAL.equals(
                    requirement.getDirectives().get(PackageNamespace.REQUIREMENT_RESOLUTION_DIRECTIVE));
            if (!relevant || optional || available.stream().anyMatch(requirement::matches)) {
                continue;
            }
            unmet.add(describe(requirement, available));
        }
        return unmet;
    }

    /** A package requirement's versions for people: {@code [1.0.0,2.0.0)}, {@code 1.2.0 or later}, or any. */
    static String range(BundleRequirement requirement) {
        String filter = requirement.getDirectives().getOrDefault("filter", "");
        Matcher lower = LOWER.matcher(filter);
        Matcher upper = UPPER.matcher(filter);
        String from = lower.find() ? lower.group(1) : null;
        if (upper.find()) {
            return "[" + (from == null ? "0" : from) + "," + upper.group(1) + ")";
        }
        return from == null ? "any version" : from + " or later";
    }

    private static String describe(BundleRequirement requirement, List<BundleCapability> available) {
        String filter = requirement.getDirectives().getOrDefault("filter", "");
        if (requirement.getNamespace().equals(ExecutionEnvironmentNamespace.EXECUTION_ENVIRONMENT_NAMESPACE)) {
            Matcher java = JAVA.matcher(filter);
            return "it needs Java " + (java.find() ? java.group(1) : filter) + "; this host runs Java "
                    + Runtime.version().feature();
        }
        Matcher name = Pattern.compile("\\(osgi\\.wiring\\.package=([^)]+)\\)").matcher(filter);
        String packageName = name.find() ? name.group(1) : filter;
        String range = range(requirement);
        List<String> provided = available.stream()
                .filter(c -> c.getNamespace().equals(PackageNamespace.PACKAGE_NAMESPACE))
                .filter(c -> packageName.equals(c.getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE)))
                .map(c -> String.valueOf(c.getAttributes().get(PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE)))
                .distinct().toList();
        return "it needs " + packageName + " " + range + "; this host provides "
                + (provided.isEmpty() ? "no such package" : String.join(", ", provided));
    }
}
