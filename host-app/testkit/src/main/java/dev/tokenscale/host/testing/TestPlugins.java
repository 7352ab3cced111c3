package dev.tokenscale.host.testing;

import dev.tokenscale.api.AcceleratorSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.osgi.framework.BundleActivator;

/**
 * Builds plugin jars inside tests, so that broken plugins never need to be checked in: Java sources are compiled
 * with {@code javax.tools} against the SPI and the OSGi core API of the test class path, and written with a manifest
 * and resources by {@code java.util.jar}.
 */
public final class TestPlugins {

    private static final String BROKEN_SET_MODEL = """
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

    /** The SPI import a plugin built against SPI 1.x has (bnd writes it for a {@code @ConsumerType} SPI). */
    public static final String IMPORT_SPI_1 = "dev.tokenscale.api;version=\"[1.0,2)\",org.osgi.framework;"
            + "version=\"[1.10,2)\"";

    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, String> resources = new LinkedHashMap<>();
    private final Map<String, String> sources = new LinkedHashMap<>();

    private TestPlugins(String symbolicName) {
        headers.put("Bundle-ManifestVersion", "2");
        headers.put("Bundle-SymbolicName", symbolicName);
        headers.put("Bundle-Version", "1.0.0");
    }

    /** A bundle with this symbolic name and version 1.0.0. */
    public static TestPlugins bundle(String symbolicName) {
        return new TestPlugins(symbolicName);
    }

    /** A jar with no OSGi headers at all. */
    public static TestPlugins plainJar() {
        TestPlugins jar = new TestPlugins("unused");
        jar.headers.clear();
        return jar;
    }

    /** Sets a manifest header. */
    public TestPlugins header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** Adds a text resource, e.g. {@code hardware/x.yaml}. */
    public TestPlugins resource(String path, String text) {
        resources.put(path, text);
        return this;
    }

    /** Adds a hardware spec under {@code hardware/} and the header that declares that folder. */
    public TestPlugins hardware(String fileName, String yaml) {
        headers.put("Tokenscale-Hardware", "hardware/");
        return resource("hardware/" + fileName, yaml);
    }

    /** Adds a Java class, compiled against the SPI when the jar is written; sets the SPI 1.x import. */
    public TestPlugins java(String className, String source) {
        sources.put(className, source);
        headers.putIfAbsent("Import-Package", IMPORT_SPI_1);
        return this;
    }

    /** Adds an activator class and names it in the manifest. */
    public TestPlugins activator(String className, String source) {
        headers.put("Bundle-Activator", className);
        return java(className, source);
    }

    /**
     * Adds a Declarative Services component: its class, its description under {@code OSGI-INF/}, and the headers
     * bnd writes for an {@code @Component} (the description's path, and the requirement on a DS runtime).
     */
    public TestPlugins component(String className, String source, String description) {
        String path = "OSGI-INF/" + className + ".xml";
        headers.merge("Service-Component", path, (old, added) -> old + "," + added);
        headers.put("Require-Capability", "osgi.extender;filter:=\"(&(osgi.extender=osgi.component)"
                + "(version>=1.5.0)(!(version>=2.0.0)))\"");
        resources.put(path, description);
        return java(className, source);
    }

    /** Writes the jar. */
    public Path write(Path jar) {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        headers.forEach((name, value) -> manifest.getMainAttributes().putValue(name, value));
        try {
            Files.createDirectories(jar.getParent());
            Map<String, byte[]> classes = compile();
            try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file,
                    manifest)) {
                for (var entry : classes.entrySet()) {
                    put(out, entry.getKey(), entry.getValue());
                }
                for (var entry : resources.entrySet()) {
                    put(out, entry.getKey(), entry.getValue().getBytes(StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jar;
    }

    private static void put(JarOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(bytes);
        out.closeEntry();
    }

    private Map<String, byte[]> compile() throws IOException {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        if (sources.isEmpty()) {
            return classes;
        }
        Path out = Files.createTempDirectory("tokenscale-test-classes");
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((name, source) -> units.add(new Source(name, source)));
        String classPath = location(AcceleratorSpec.class) + java.io.File.pathSeparator
                + location(BundleActivator.class);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        boolean ok = compiler.getTask(errors, null, null,
                List.of("--release", "17", "-classpath", classPath, "-d", out.toString()), null, units).call();
        if (!ok) {
            throw new IllegalStateException("test plugin does not compile:\n" + errors);
        }
        try (Stream<Path> files = Files.walk(out)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                classes.put(out.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        }
        return classes;
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A compilation unit held in memory. */
    private static final class Source extends SimpleJavaFileObject {
        private final String code;

        Source(String className, String code) {
            super(URI.create("string:///" + className.replace('.', '/') + Kind.SOURCE.extension), Kind.SOURCE);
            this.code = code;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }
    }

    /**
     * A complete, sourced and plausible spec: a small HBM chip. {@code replace} pairs edit its text to break it,
     * e.g. {@code "200 TFLOPS", "50 TFLOPS"}.
     */
    public static String spec(String id, String family, String... replace) {
        String yaml = """
                id: %s
                name: Test NPU %s
                vendor: Test
                family: %s
                deviceKind: chip
                status: shipping
                description: A small HBM inference chip built by a test.
                silicon:
                  processNode: {value: "TSMC N5", source: "estimate: test fixture"}
                compute:
                  bf16:
                    dense: {value: 100 TFLOPS, source: "estimate: test fixture"}
                    marketed: {value: 200 TFLOPS, source: "estimate: test fixture, 2:4 sparsity"}
                memory:
                  - name: hbm
                    kind: hbm
                    capacity: {value: 32 GB, source: "estimate: test fixture"}
                    bandwidth: {value: 1 TB/s, source: "estimate: test fixture"}
                interconnects:
                  - name: link
                    scope: scale-up
                    bandwidth: {value: 100 GB/s, source: "estimate: test fixture"}
                    latency: {value: 2 us, source: "estimate: test fixture"}
                    domainSize: {value: 8, source: "estimate: test fixture"}
                power:
                  device: {value: 300 W, source: "estimate: test fixture"}
                  system: {value: 3 kW, source: "https://example.com/test-npu"}
                cost:
                  capex: {value: 100000 USD, source: "estimate: test fixture"}
                system:
                  name: Test 8-chip server
                  devices: {value: 8, source: "estimate: test fixture"}
                """.formatted(id, id, family);
        for (int i = 0; i + 1 < replace.length; i += 2) {
            if (!yaml.contains(replace[i])) {
                throw new IllegalArgumentException("the spec has no '" + replace[i] + "'");
            }
            yaml = yaml.replace(replace[i], replace[i + 1]);
        }
        return yaml;
    }

    /**
     * An activator that registers a family whose execution model is the roofline with {@code modelBody}'s members
     * added (an override of {@code time} or {@code latency}, say).
     */
    public static TestPlugins withFamily(TestPlugins plugin, String pkg, String familyId, String modelBody) {
        return withFamily(plugin, pkg, familyId, modelBody, "");
    }

    /** The same, with {@code familyBody}'s members added to the family (an override of {@code resolve}, say). */
    public static TestPlugins withFamily(TestPlugins plugin, String pkg, String familyId, String modelBody,
                                         String familyBody) {
        return plugin.activator(pkg + ".Activator", """
                        package %1$s;
                        import dev.tokenscale.api.*;
                        import java.util.Map;
                        import org.osgi.framework.*;
                        public final class Activator implements BundleActivator {
                            public void start(BundleContext context) {
                                context.registerService(AcceleratorFamily.class, new Family(), FrameworkUtil.asDictionary(
                                        Map.of(AcceleratorFamily.SERVICE_PROPERTY_ID, "%2$s")));
                            }
                            public void stop(BundleContext context) {
                            }
                        }
                        """.formatted(pkg, familyId))
                .java(pkg + ".Family", """
                        package %1$s;
                        import dev.tokenscale.api.*;
                        public final class Family implements AcceleratorFamily {
                            public String id() { return "%2$s"; }
                            public String description() { return "a family built by a test"; }
                            public ExecutionModel executionModel(AcceleratorSpec spec) { return new Model(spec); }
                            %3$s
                        }
                        """.formatted(pkg, familyId, familyBody))
                .java(pkg + ".Model", """
                        package %1$s;
                        import dev.tokenscale.api.*;
                        // As plugins built against SPI 1.1 do: through the deprecated alias in dev.tokenscale.api.
                        final class Model extends RooflineExecutionModel {
                            Model(AcceleratorSpec spec) { super(spec); }
                            %2$s
                        }
                        """.formatted(pkg, modelBody));
    }

    /**
     * Writes one plugin of each kind of breakage to {@code folder}: a plain jar (no bundle), a bundle that needs SPI
     * 2.x ({@code test.needs-api-2}), one that needs a package nobody exports ({@code test.needs-missing-package}), one
     * that needs Java 21 ({@code test.needs-java-21}), one whose activator throws ({@code test.throwing-activator}),
     * one whose Declarative Services family fails to activate ({@code test.failing-component}), and a model bundle with one good and one malformed file ({@code test.models}: {@code test-tiny} and
     * {@code broken.yaml}).
     */
    public static void writeBrokenSet(Path folder) throws IOException {
        plainJar().header("Created-By", "a test").resource("README.txt", "not a bundle")
                .write(folder.resolve("plain-library.jar"));
        bundle("test.needs-api-2").header("Import-Package", "dev.tokenscale.api;version=\"[2.0,3)\"")
                .write(folder.resolve("needs-api-2.jar"));
        bundle("test.needs-missing-package")
                .header("Import-Package", "com.example.missing;version=\"1.2\"")
                .write(folder.resolve("needs-missing-package.jar"));
        bundle("test.needs-java-21")
                .header("Require-Capability", "osgi.ee;filter:=\"(&(osgi.ee=JavaSE)(version=21))\"")
                .write(folder.resolve("needs-java-21.jar"));
        bundle("test.throwing-activator").activator("broken.ThrowingActivator", """
                package broken;
                public class ThrowingActivator implements org.osgi.framework.BundleActivator {
                    public void start(org.osgi.framework.BundleContext context) {
                        throw new IllegalStateException("no licence\\nfor this wafer");
                    }
                    public void stop(org.osgi.framework.BundleContext context) {
                    }
                }
                """).write(folder.resolve("throwing-activator.jar"));
        bundle("test.failing-component").component("broken.LicensedFamily", """
                package broken;
                import dev.tokenscale.api.*;
                public class LicensedFamily implements AcceleratorFamily {
                    public void activate() {
                        throw new IllegalStateException("no licence\\nfor this wafer");
                    }
                    public String id() { return "licensed"; }
                    public String description() { return "a family that needs a licence"; }
                    public ExecutionModel executionModel(AcceleratorSpec spec) { return null; }
                }
                """, """
                <?xml version="1.0" encoding="UTF-8"?>
                <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.3.0" name="broken.LicensedFamily"
                    activate="activate">
                  <property name="tokenscale.family" type="String" value="licensed"/>
                  <service>
                    <provide interface="dev.tokenscale.api.AcceleratorFamily"/>
                  </service>
                  <implementation class="broken.LicensedFamily"/>
                </scr:component>
                """).write(folder.resolve("failing-component.jar"));
        bundle("test.models").header("Tokenscale-Models", "models/")
                .resource("models/tiny.yaml", BROKEN_SET_MODEL.formatted("test-tiny", "4"))
                .resource("models/broken.yaml", BROKEN_SET_MODEL.formatted("test-broken", "many"))
                .write(folder.resolve("models.jar"));
    }
}
