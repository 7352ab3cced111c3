package dev.tokenscale.host.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.ToolProvider;
import org.osgi.framework.BundleActivator;

/** Writes plugin jars inside a test, so that broken plugins are built by the test and never checked in. */
public final class TestJars {

    private TestJars() {
    }

    /** A bundle with these extra headers and entries (path to content). */
    public static Path bundle(Path dir, String symbolicName, Map<String, String> headers, Map<String, byte[]> entries)
            throws IOException {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Bundle-ManifestVersion", "2");
        all.put("Bundle-SymbolicName", symbolicName);
        all.put("Bundle-Version", "1.0.0");
        all.putAll(headers);
        return jar(dir.resolve(symbolicName + ".jar"), all, entries);
    }

    /** A jar with exactly these main manifest headers and entries. */
    public static Path jar(Path file, Map<String, String> headers, Map<String, byte[]> entries) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        headers.forEach((name, value) -> manifest.getMainAttributes().putValue(name, value));
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                jar.putNextEntry(new JarEntry(entry.getKey()));
                jar.write(entry.getValue());
                jar.closeEntry();
            }
        }
        return file;
    }

    /**
     * Compiles one class against the OSGi core API on the test class path (the framework jar carries it) and returns
     * its class file.
     */
    public static byte[] compile(Path workDir, String className, String source) throws IOException, URISyntaxException {
        Path src = workDir.resolve("src").resolve(className.replace('.', '/') + ".java");
        Path classes = workDir.resolve("classes");
        Files.createDirectories(src.getParent());
        Files.writeString(src, source);
        String osgiCore = Path.of(BundleActivator.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int status = ToolProvider.getSystemJavaCompiler().run(null, diagnostics, diagnostics, "--release", "17",
                "-cp", osgiCore, "-d", classes.toString(), src.toString());
        if (status != 0) {
            throw new IllegalStateException("javac failed: " + diagnostics);
        }
        return Files.readAllBytes(classes.resolve(className.replace('.', '/') + ".class"));
    }

    /** A text file's content. */
    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
