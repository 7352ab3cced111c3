package dev.tokenscale.host.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenscale.api.ApiVersion;
import dev.tokenscale.api.ModelArchitecture;
import dev.tokenscale.host.cli.Main;
import dev.tokenscale.host.engine.Accelerator;
import dev.tokenscale.host.testing.TestPlugins;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken plugins, built here, dropped next to the built-in ones: each is reported in one line with its reason, and
 * the host keeps serving the rest.
 */
class BrokenPluginsIT {

    private static final String MODEL = """
            id: %s
            name: Tiny
            source: "estimate: a test model"
            layers: %s
            hiddenSize: 1024
            vocabSize: 32000
            maxContext: 4096
            attention: {kind: gqa, heads: 8, kvHeads: 2, headDim: 128}
            ffn: {intermediateSize: 4096}
            precision: {weights: bf16, kv: bf16}
            """;

    @TempDir
    static Path work;
    private static Path plugins;
    private static PluginHost host;

    @BeforeAll
    static void start() throws IOException {
        plugins = Files.createDirectories(work.resolve("plugins"));
        TestPlugins.plainJar().header("Created-By", "a test").resource("README.txt", "not a bundle")
                .write(plugins.resolve("plain-library.jar"));
        TestPlugins.bundle("test.needs-api-2").header("Import-Package", "dev.tokenscale.api;version=\"[2.0,3)\"")
                .write(plugins.resolve("needs-api-2.jar"));
        TestPlugins.bundle("test.needs-missing-package")
                .header("Import-Package", "com.example.missing;version=\"1.2\"")
                .write(plugins.resolve("needs-missing-package.jar"));
        TestPlugins.bundle("test.needs-java-21")
                .header("Require-Capability", "osgi.ee;filter:=\"(&(osgi.ee=JavaSE)(version=21))\"")
                .write(plugins.resolve("needs-java-21.jar"));
        TestPlugins.bundle("test.throwing-activator").activator("broken.ThrowingActivator", """
                package broken;
                public class ThrowingActivator implements org.osgi.framework.BundleActivator {
                    public void start(org.osgi.framework.BundleContext context) {
                        throw new IllegalStateException("no licence\\nfor this wafer");
                    }
                    public void stop(org.osgi.framework.BundleContext context) {
                    }
                }
                """).write(plugins.resolve("throwing-activator.jar"));
        TestPlugins.bundle("test.models").header("Tokenscale-Models", "models/")
                .resource("models/tiny.yaml", MODEL.formatted("test-tiny", "4"))
                .resource("models/broken.yaml", MODEL.formatted("test-broken", "many"))
                .write(plugins.resolve("models.jar"));
        host = BuiltInPlugins.start(plugins);
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

    @Test
    void theCommandListsEachFailureInOneLineAndExitsWithOne() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new String[] {"plugins", "--plugins", plugins.toString()}, new PrintWriter(out),
                new PrintWriter(err));
        assertEquals(1, exit);
        List<String> lines = out.toString().lines().toList();
        for (String expected : List.of("plain-library.jar .* not an OSGi bundle",
                "test.needs-api-2 .* FAILED .* provides " + ApiVersion.VALUE, "test.needs-java-21 .* FAILED .* Java 21",
                "test.throwing-activator .* FAILED .* no licence", "test.models .* ACTIVE .*/broken.yaml")) {
            assertEquals(1, lines.stream().filter(l -> l.matches(expected + ".*")).count(), expected + " in\n" + out);
        }
        assertFalse(err.toString().contains("Exception"), err.toString());
    }

    private static void assertFailed(String name, String reason) {
        PluginReport plugin = PluginHostIT.report(host, name);
        assertEquals("FAILED", plugin.state());
        assertTrue(plugin.error().contains(reason), plugin.error());
        assertFalse(plugin.error().contains("\n"), plugin.error());
    }
}
