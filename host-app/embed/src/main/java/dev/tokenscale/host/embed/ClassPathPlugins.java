package dev.tokenscale.host.embed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;

/**
 * Finds plugin bundles among the jars of a class path: an integrator who depends on the plugin artifacts (say
 * {@code dev.tokenscale:plugin-nvidia}) gets them installed without copying jars anywhere. A jar is a plugin when its
 * manifest names a bundle that imports the SPI package or declares data folders ({@code Tokenscale-Hardware},
 * {@code Tokenscale-Models}).
 */
final class ClassPathPlugins {

    private static final Pattern IMPORTS_SPI = Pattern.compile("(^|,)\\s*dev\\.tokenscale\\.api\\s*(;|,|$)");

    private ClassPathPlugins() {
    }

    /** The plugin jars on the class path of {@code loader}, sorted by file name. */
    static List<Path> find(ClassLoader loader) {
        List<Path> jars = new ArrayList<>();
        try {
            for (URL url : Collections.list(loader.getResources(JarFile.MANIFEST_NAME))) {
                URLConnection connection = url.openConnection();
                if (connection instanceof JarURLConnection jar && "file".equals(jar.getJarFileURL().getProtocol())) {
                    connection.setUseCaches(false);
                    try (InputStream in = connection.getInputStream()) {
                        if (isPlugin(new Manifest(in).getMainAttributes())) {
                            jars.add(Path.of(jar.getJarFileURL().toURI()));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the class path's jar manifests", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("a class path jar has no file path", e);
        }
        jars.sort(Comparator.comparing(jar -> jar.getFileName().toString()));
        return jars;
    }

    static boolean isPlugin(Attributes manifest) {
        if (manifest.getValue("Bundle-SymbolicName") == null) {
            return false;
        }
        String imports = manifest.getValue("Import-Package");
        return (imports != null && IMPORTS_SPI.matcher(imports).find())
                || manifest.keySet().stream().anyMatch(key -> key.toString().startsWith("Tokenscale-"));
    }
}
