package dev.tokenscale.host.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenscale.api.ApiVersion;
import dev.tokenscale.api.ModelArchitecture;
import dev.tokenscale.host.engine.Accelerator;
import dev.tokenscale.host.testing.TestPlugins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken plugins ({@link TestPlugins#writeBrokenSet}) dropped next to the built-in ones: each is reported in one line
 * with its reason, and the host keeps serving the rest.
 */
class BrokenPluginsIT {

    @TempDir
    static Path work;
    private static Path plugins;
    private static PluginHost host;

    @BeforeAll
    static void start() throws IOException {
        plugins = Files.createDirectories(work.resolve("plugins"));
        TestPlugins.writeBrokenSet(plugins);
        host = BuiltInPlugins.host(plugins);
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    @Test
    void reportsAJarThatIsNotABundle() {
        assertFailed("plain-library.jar", "not an OSGi bundle: its manifest has no Bundle-SymbolicName");
    }

    @Test
    void reportsTheSpiVersionABundleNeedsAndTheOneThisHostProvides() {
        assertFailed("test.needs-api-2",
                "needs dev.tokenscale.api [2.0.0,3.0.0); this host provides " + ApiVersion.VALUE);
    }

    @Test
    void reportsAPackageThatNothingProvides() {
        assertFailed("test.needs-missing-package",
                "it needs com.example.missing 1.2.0 or later; this host provides no such package");
    }

    @Test
    void reportsTheJavaABundleNeedsAndTheOneThisHostRuns() {
        assertFailed("test.needs-java-21", "needs Java 21; this host runs Java " + Runtime.version().feature());
    }

    @Test
    void reportsTheRootCauseOfAThrowingActivator() {
        assertFailed("test.throwing-activator",
                "its activator failed: IllegalStateException: no licence for this wafer");
    }

    @Test
    void reportsADeclarativeServicesComponentThatFailsToActivateAsItsPluginsFailure() {
        assertFailed("test.failing-component", "its component broken.LicensedFamily failed to activate: "
                + "IllegalStateException: no licence for this wafer");
    }

    @Test
    void reportsAMalformedSpecFileAndKeepsTheOthersOfItsBundle() {
        PluginReport models = PluginHostIT.report(host, "test.models");
        assertEquals("ACTIVE", models.state());
        assertEquals(List.of("test-tiny"), models.provides().models());
        assertTrue(models.error().contains("broken.yaml") && models.error().contains("'layers'"), models.error());
        assertFalse(models.error().contains("\n"), models.error());
        assertTrue(host.installed().models().stream().map(ModelArchitecture::id).toList().contains("test-tiny"));
    }

    @Test
    void keepsEveryBuiltInPluginActiveAndUsable() {
        for (String name : BuiltInPlugins.NAMES) {
            PluginReport plugin = PluginHostIT.report(host, name);
            assertEquals("ACTIVE", plugin.state(), name);
            assertNull(plugin.error(), name);
        }
        assertEquals(BuiltInPlugins.HARDWARE, host.installed().accelerators().stream().map(Accelerator::id).toList());
        assertEquals(BuiltInPlugins.MODELS.size() + 1, host.installed().models().size());
    }

    private static void assertFailed(String name, String reason) {
        PluginReport plugin = PluginHostIT.report(host, name);
        assertEquals("FAILED", plugin.state());
        assertTrue(plugin.error().contains(reason), plugin.error());
        assertFalse(plugin.error().contains("\n"), plugin.error());
    }
}
