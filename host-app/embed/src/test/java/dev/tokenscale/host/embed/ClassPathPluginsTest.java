package dev.tokenscale.host.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenscale.host.testing.TestPlugins;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which jars of a class path are plugins: bundles that import the SPI or declare data folders, and no others. */
class ClassPathPluginsTest {

    @TempDir
    Path dir;

    private static Attributes manifest(String... headers) {
        Attributes attributes = new Attributes();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            attributes.putValue(headers[i], headers[i + 1]);
        }
        return attributes;
    }

    @Test
    void pluginsImportTheSpiOrDeclareDataFolders() {
        assertTrue(ClassPathPlugins.isPlugin(manifest("Bundle-SymbolicName", "a",
                "Import-Package", "dev.tokenscale.api;version=\"[1.1,2)\",java.lang")));
        assertTrue(ClassPathPlugins.isPlugin(manifest("Bundle-SymbolicName", "b",
                "Import-Package", "java.util, dev.tokenscale.api")));
        assertTrue(ClassPathPlugins.isPlugin(manifest("Bundle-SymbolicName", "models", "Tokenscale-Models",
                "models/")));
        // The SPI itself exports the package, a library bundle imports something else, a plain jar is no bundle.
        assertFalse(ClassPathPlugins.isPlugin(manifest("Bundle-SymbolicName", "dev.tokenscale.framework-api",
                "Export-Package", "dev.tokenscale.api;version=\"1.1.0\"", "Import-Package", "java.lang")));
        assertFalse(ClassPathPlugins.isPlugin(manifest("Bundle-SymbolicName", "lib",
                "Import-Package", "dev.tokenscale.apiextra")));
        assertFalse(ClassPathPlugins.isPlugin(manifest("Tokenscale-Hardware", "hardware/")));
    }

    @Test
    void findsThePluginJarsOfAClassPath() throws Exception {
        Path hardware = TestPlugins.bundle("test.hw").hardware("x.yaml", TestPlugins.spec("x", "roofline"))
                .write(dir.resolve("b-hw.jar"));
        Path models = TestPlugins.bundle("test.models").header("Tokenscale-Models", "models/")
                .write(dir.resolve("a-models.jar"));
        Path library = TestPlugins.bundle("test.library").write(dir.resolve("c-library.jar"));
        Path plain = TestPlugins.plainJar().write(dir.resolve("d-plain.jar"));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {hardware.toUri().toURL(),
                models.toUri().toURL(), library.toUri().toURL(), plain.toUri().toURL()}, null)) {
            assertEquals(List.of(models, hardware), ClassPathPlugins.find(loader));
        }
    }
}
