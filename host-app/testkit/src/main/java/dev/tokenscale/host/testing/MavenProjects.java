package dev.tokenscale.host.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Builds the example projects under {@code examples/} the way their READMEs say, in a separate Maven process, against
 * this build's artifacts: they are staged in a private local repository whose other entries link to the shared one
 * (where the Maven plugins already are, so {@code mvn -o} works), so that the tests need no prior
 * {@code mvn install} and are not disturbed by other snapshots installed meanwhile.
 */
public final class MavenProjects {

    /** The repository root. */
    public static final Path REPO = Path.of(System.getProperty("tokenscale.repo", "..")).toAbsolutePath()
            .normalize();
    /** This build's version. */
    public static final String VERSION = System.getProperty("tokenscale.version", "1.0.0-SNAPSHOT");

    private MavenProjects() {
    }

    /**
     * What a process printed (standard output and error together) and its exit code.
     *
     * @param exitCode the exit code
     * @param output   everything it printed
     */
    public record Run(int exitCode, String output) {
    }

    /**
     * Builds a copy of an example project in {@code tmp} as its README says ({@code mvn package}, here offline
     * against a local repository staged with this build's {@code modules}) and returns the copy's folder; skips the
     * test when Maven is not installed.
     *
     * @param modules the repository's module folders the example needs, e.g. {@code "host-app/embed"}
     */
    public static Path build(Path example, Path tmp, List<String> modules) throws Exception {
        assumeTrue(onPath("mvn"), "mvn is not on PATH: skipping the build of " + REPO.relativize(example)
                + " (its README's steps need Maven)");
        Path project = tmp.resolve(example.getFileName().toString());
        copy(example, project);
        Path m2 = stageLocalRepository(tmp.resolve("m2"), modules);
        try {
            Run build = maven(project, m2, "package");
            assertEquals(0, build.exitCode(), build.output());
        } finally {
            unlink(m2);
        }
        return project;
    }

    /**
     * The jars on a built example's compile class path (its own dependencies and theirs, as Maven resolves them),
     * against the same staged repository as {@link #build}.
     */
    public static List<String> compileClassPath(Path project, Path tmp, List<String> modules) throws Exception {
        Path m2 = stageLocalRepository(tmp.resolve("m2-classpath"), modules);
        Path output = tmp.resolve("compile-classpath.txt");
        try {
            Run run = maven(project, m2, "dependency:build-classpath", "-DincludeScope=compile",
                    "-Dmdep.outputFile=" + output);
            assertEquals(0, run.exitCode(), run.output());
        } finally {
            unlink(m2);
        }
        return List.of(Files.readString(output).strip().split(File.pathSeparator));
    }

    /**
     * Runs Maven offline in a project under a copy of this repository's root POM, against a local repository staged
     * with this build's parent POMs and the artifacts of {@code releases} (folders in Maven layout, like
     * {@code framework-api/releases}); skips the test when Maven is not installed.
     */
    public static Run offline(Path project, Path tmp, List<Path> releases, String... goals) throws Exception {
        assumeTrue(onPath("mvn"), "mvn is not on PATH: skipping a Maven build of " + project);
        Path m2 = stageLocalRepository(tmp.resolve("m2-offline"), List.of());
        try {
            for (Path release : releases) {
                copy(release.resolve("dev/tokenscale"), m2.resolve("dev/tokenscale"));
            }
            return maven(project, m2, goals);
        } finally {
            unlink(m2);
        }
    }

    private static Run maven(Path project, Path m2, String... goals) throws Exception {
        List<String> command = new ArrayList<>(List.of("mvn", "-B", "-q", "-o", "-Dmaven.repo.local=" + m2));
        command.addAll(List.of(goals));
        return run(project, command.toArray(String[]::new));
    }

    /** Whether a command is on the PATH. */
    private static boolean onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    /** Copies a project folder, without its {@code target/}, into a folder that may already exist. */
    public static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(f -> !from.relativize(f).startsWith("target")).toList()) {
                Path copy = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
    }

    /**
     * A local repository at {@code m2} that holds this build's parent POMs and the named modules (each module's POM
     * and its jar, as built), and links every other entry to the shared local repository.
     */
    private static Path stageLocalRepository(Path m2, List<String> modules) throws Exception {
        Path shared = Path.of(System.getProperty("localRepository",
                System.getProperty("user.home") + "/.m2/repository"));
        link(shared, m2, "dev");
        link(shared.resolve("dev"), m2.resolve("dev"), "tokenscale");
        stage(m2, REPO.resolve("pom.xml"), null);
        stage(m2, REPO.resolve("host-app/pom.xml"), null);
        for (String module : modules) {
            Path pom = REPO.resolve(module).resolve("pom.xml");
            Path jar = REPO.resolve(module).resolve("target").resolve(artifactId(pom) + "-" + VERSION + ".jar");
            assertTrue(Files.isRegularFile(jar), jar + " is not built; run the build from the repository root");
            stage(m2, pom, jar);
        }
        return m2;
    }

    private static String artifactId(Path pom) throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
        return child(doc.getDocumentElement(), "artifactId");
    }

    /** Deletes the staged repository's links, so that cleaning a temp folder never walks into the shared one. */
    private static void unlink(Path m2) throws IOException {
        if (Files.isDirectory(m2)) {
            try (Stream<Path> entries = Files.walk(m2)) {
                for (Path link : entries.filter(Files::isSymbolicLink).toList()) {
                    Files.delete(link);
                }
            }
        }
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

    private static void stage(Path m2, Path pom, Path jar) throws Exception {
        String artifact = artifactId(pom);
        Path dir = Files.createDirectories(m2.resolve("dev/tokenscale").resolve(artifact).resolve(VERSION));
        Files.copy(pom, dir.resolve(artifact + "-" + VERSION + ".pom"));
        if (jar != null) {
            Files.copy(jar, dir.resolve(artifact + "-" + VERSION + ".jar"));
        }
    }

    /** Runs a command in a folder, for at most 5 minutes. */
    public static Run run(Path dir, String... command) throws Exception {
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

    /** artifactId -> version of every plugin and dependency a POM pins, with its properties resolved. */
    public static Map<String, String> versions(Path pom) throws Exception {
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
}
