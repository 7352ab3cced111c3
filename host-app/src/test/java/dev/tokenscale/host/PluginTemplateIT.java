package dev.tokenscale.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tokenscale.api.ApiVersion;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The vendor path of {@code examples/plugin-template/README.md}, end to end: build the template with Maven in a
 * separate process, check its jar with {@code ./tokenscale plugin verify}, and load it with
 * {@code ./tokenscale plugins --plugins target/}. The template is built against this build's framework-api (staged
 * in a private local repository whose other entries link to the shared one), so the test needs no prior
 * {@code mvn install} and is not disturbed by other SPI snapshots installed meanwhile.
 */
class PluginTemplateIT {

    private static final Path REPO = Path.of(System.getProperty("tokenscale.repo", "..")).toAbsolutePath().normalize();
    private static final Path TEMPLATE = REPO.resolve("examples/plugin-template");
    private static final String JAR = "target/acme-meridian-plugin-1.0.0.jar";

    @TempDir
    Path tmp;

    private record Run(int exitCode, String output) {
    }

    /** Unlinks the staged repository's links first, so that cleaning the temp folder never walks into ~/.m2. */
    @AfterEach
    void unlinkSharedRepository() throws IOException {
        Path m2 = tmp.resolve("m2");
        if (Files.isDirectory(m2)) {
            try (Stream<Path> entries = Files.walk(m2)) {
                for (Path link : entries.filter(Files::isSymbolicLink).toList()) {
                    Files.delete(link);
                }
            }
        }
    }

    @Test
    void theTemplateBuildsIntoAPluginThatVerifiesAndLoads() throws Exception {
        assumeTrue(onPath("mvn"), "mvn is not on PATH: skipping the template build (the README's steps need Maven)");
        Path project = tmp.resolve("acme-plugin");
        copy(TEMPLATE, project);
        Path m2 = stageLocalRepository(tmp.resolve("m2"));

        Run build = run(project, "mvn", "-B", "-q", "-o", "-Dmaven.repo.local=" + m2, "package");
        assertEquals(0, build.exitCode(), build.output());
        Path jar = project.resolve(JAR);
        try (JarFile file = new JarFile(jar.toFile())) {
            Attributes manifest = file.getManifest().getMainAttributes();
            assertEquals("com.example.tokenscale.acme-meridian-plugin", manifest.getValue("Bundle-SymbolicName"));
            assertEquals("hardware/", manifest.getValue("Tokenscale-Hardware"));
            // bnd's import range for a @ConsumerType SPI: from the SPI it was built against to the next major.
            String[] built = ApiVersion.VALUE.split("\\.");
            assertTrue(manifest.getValue("Import-Package").contains("dev.tokenscale.api;version=\"[" + built[0] + "."
                    + built[1] + "," + (Integer.parseInt(built[0]) + 1) + ")\""), manifest.getValue("Import-Package"));
        }

        Run verify = run(REPO, REPO.resolve("tokenscale").toString(), "plugin", "verify", jar.toString());
        assertEquals(0, verify.exitCode(), verify.output());
        List<String> lines = verify.output().lines().toList();
        assertEquals("com.example.tokenscale.acme-meridian-plugin: all 12 checks passed", lines.get(lines.size() - 1));
        Matcher rate = Pattern.compile("model acme-meridian-m1: fast enough +PASS +([0-9,]+) ops/s")
                .matcher(verify.output());
        assertTrue(rate.find(), verify.output());
        System.out.println("template plugin verified at " + rate.group(1) + " ops/s");

        Run plugins = run(REPO, REPO.resolve("tokenscale").toString(), "plugins", "--plugins",
                project.resolve("target").toString());
        assertEquals(0, plugins.exitCode(), plugins.output());
        assertTrue(plugins.output().lines().anyMatch(line -> line.matches(
                "com\\.example\\.tokenscale\\.acme-meridian-plugin +1\\.0\\.0 +ACTIVE +family acme-meridian; "
                        + "1 hardware")), plugins.output());
    }

    @Test
    void theTemplatePinsTheVersionsOfTheParentPom() throws Exception {
        Map<String, String> template = versions(TEMPLATE.resolve("pom.xml"));
        Map<String, String> parent = versions(REPO.resolve("pom.xml"));
        assertFalse(template.isEmpty());
        template.forEach((artifact, version) -> assertEquals(parent.get(artifact), version,
                artifact + " in examples/plugin-template/pom.xml"));
    }

    /** artifactId -> version of every plugin and dependency a POM pins, with its properties resolved. */
    private static Map<String, String> versions(Path pom) throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
        Map<String, String> properties = new HashMap<>();
        NodeList props = ((Element) doc.getElementsByTagName("properties").item(0)).getChildNodes();
        for (int i = 0; i < props.getLength(); i++) {
            if (props.item(i) instanceof Element e) {
                properties.put(e.getTagName(), e.getTextContent().trim());
            }
        }
        properties.put("project.version", child(doc.getDocumentElement(), "version"));
        Map<String, String> versions = new HashMap<>();
        for (String tag : List.of("plugin", "dependency")) {
            NodeList nodes = doc.getElementsByTagName(tag);
            for (int i = 0; i < nodes.getLength(); i++) {
                Element e = (Element) nodes.item(i);
                String version = child(e, "version");
                if (version != null) {
                    Matcher property = Pattern.compile("\\$\\{(.+)}").matcher(version);
                    versions.put(child(e, "artifactId"), property.matches() ? properties.get(property.group(1))
                            : version);
                }
            }
        }
        return versions;
    }

    private static String child(Element parent, String tag) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                return e.getTextContent().trim();
            }
        }
        return null;
    }

    private static boolean onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(f -> !from.relativize(f).startsWith("target")).toList()) {
                Files.copy(file, to.resolve(from.relativize(file).toString()));
            }
        }
    }

    /**
     * A local repository that holds this build's framework-api and parent POM, and links every other entry to the
     * shared local repository, where the template's Maven plugins already are (so {@code -o} works).
     */
    private static Path stageLocalRepository(Path m2) throws IOException {
        Path shared = Path.of(System.getProperty("localRepository",
                System.getProperty("user.home") + "/.m2/repository"));
        link(shared, m2, "dev");
        link(shared.resolve("dev"), m2.resolve("dev"), "tokenscale");
        String version = System.getProperty("tokenscale.version", "1.0.0-SNAPSHOT");
        Path api = REPO.resolve("framework-api/target/framework-api-" + version + ".jar");
        assertTrue(Files.isRegularFile(api), api + " is not built; run the build from the repository root");
        stage(m2, "tokenscale-parent", version, REPO.resolve("pom.xml"), null);
        stage(m2, "framework-api", version, REPO.resolve("framework-api/pom.xml"), api);
        return m2;
    }

    /** Links every entry of {@code from} into {@code to}, except {@code except}. */
    private static void link(Path from, Path to, String except) throws IOException {
        Files.createDirectories(to);
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> entries = Files.list(from)) {
            for (Path entry : entries.filter(e -> !e.getFileName().toString().equals(except)).toList()) {
                Files.createSymbolicLink(to.resolve(entry.getFileName().toString()), entry);
            }
        }
    }

    private static void stage(Path m2, String artifact, String version, Path pom, Path jar) throws IOException {
        Path dir = Files.createDirectories(m2.resolve("dev/tokenscale").resolve(artifact).resolve(version));
        Files.copy(pom, dir.resolve(artifact + "-" + version + ".pom"));
        if (jar != null) {
            Files.copy(jar, dir.resolve(artifact + "-" + version + ".jar"));
        }
    }

    private static Run run(Path dir, String... command) throws Exception {
        Path log = Files.createTempFile("tokenscale-run", ".log");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 5 minutes");
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        return new Run(process.exitValue(), output);
    }
}
