package dev.tokenscale.host.runtime;

import static dev.tokenscale.host.testing.TestPlugins.bundle;
import static dev.tokenscale.host.testing.TestPlugins.spec;
import static dev.tokenscale.host.testing.TestPlugins.withFamily;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tokenscale.api.ApiVersion;
import dev.tokenscale.host.testing.TestPlugins;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleWiring;

/**
 * SPI evolution. A plugin built against SPI 1.x imports {@code [1.0,2)} (bnd's range for a {@code @ConsumerType}
 * SPI), so it keeps loading when the host's SPI gains a minor version; a plugin that needs 2.x is refused in one
 * line naming both versions. The newer host is played by exporting the same SPI classes at the next minor version
 * from the system bundle: resolution only sees the version, which is exactly what decides whether an old plugin
 * still loads. That a minor version breaks no 1.x plugin is the job of the bnd baseline in framework-api, which
 * compares every build with the released SPI and fails on a breaking change ({@code SpiBaselineIT} shows it fail).
 */
class SpiEvolutionIT {

    /** The SPI version after this build's next minor release, e.g. 1.2.0 for 1.1.0. */
    private static final String NEXT_MINOR = ApiVersion.VALUE.split("\\.")[0] + "."
            + (Integer.parseInt(ApiVersion.VALUE.split("\\.")[1]) + 1) + ".0";

    @TempDir
    Path dir;

    private static TestPlugins plugin(String importPackage) {
        return withFamily(bundle("test.old").hardware("old-npu.yaml", spec("old-npu", "old-family")), "test.old",
                "old-family", "").header("Import-Package", importPackage);
    }

    @Test
    void aPluginBuiltAgainst1xLoadsOnAHostWhoseSpiGainedAMinorVersion() {
        Path jar = plugin(TestPlugins.IMPORT_SPI_1).write(dir.resolve("old.jar"));
        try (PluginHost host = PluginHost.start(new HostConfig(List.of(dir), List.of(), List.of()), NEXT_MINOR)) {
            Bundle bundle = host.bundle(jar);
            assertEquals(Bundle.ACTIVE, bundle.getState(), String.valueOf(host.failure(jar)));
            assertEquals(NEXT_MINOR, spiVersionWiredTo(bundle));
            assertEquals(List.of("old-npu"), host.installed().accelerators().stream().map(a -> a.id()).toList());
            assertNull(host.failure(jar));
        }
    }

    @Test
    void aPluginNeeding2xIsRefusedNamingBothVersions() {
        Path jar = plugin("dev.tokenscale.api;version=\"[2.0,3)\",org.osgi.framework;version=\"[1.10,2)\"")
                .write(dir.resolve("new.jar"));
        try (PluginHost host = PluginHost.start(new HostConfig(List.of(dir), List.of(), List.of()), NEXT_MINOR)) {
            assertEquals(Bundle.INSTALLED, host.bundle(jar).getState());
            assertEquals("it needs dev.tokenscale.api [2.0.0,3.0.0); this host provides " + NEXT_MINOR,
                    host.failure(jar).error());
            assertEquals(List.of(), host.installed().accelerators());
        }
    }

    @Test
    void theHostExportsTheSpiAtTheApiVersionConstantByDefault() {
        Path jar = plugin(TestPlugins.IMPORT_SPI_1).write(dir.resolve("old.jar"));
        try (PluginHost host = PluginHost.start(new HostConfig(List.of(dir), List.of(), List.of()))) {
            assertEquals(ApiVersion.VALUE, spiVersionWiredTo(host.bundle(jar)));
        }
    }

    private static String spiVersionWiredTo(Bundle bundle) {
        return bundle.adapt(BundleWiring.class).getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE).stream()
                .filter(w -> "dev.tokenscale.api".equals(w.getCapability().getAttributes()
                        .get(PackageNamespace.PACKAGE_NAMESPACE)))
                .map(w -> w.getCapability().getAttributes().get(PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE)
                        .toString())
                .findFirst().orElseThrow();
    }
}
