package dev.tokenscale.host;

import static dev.tokenscale.host.testing.MavenProjects.REPO;
import static dev.tokenscale.host.testing.MavenProjects.build;
import static dev.tokenscale.host.testing.MavenProjects.compileClassPath;
import static dev.tokenscale.host.testing.MavenProjects.run;
import static dev.tokenscale.host.testing.MavenProjects.versions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenscale.host.testing.MavenProjects;
import dev.tokenscale.host.testing.MavenProjects.Run;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The integrator path of {@code examples/embedding/README.md}, end to end: build the example with Maven in a
 * separate process against this build's embedding API, SPI and plugin artifacts, run it with {@code java -jar}, and read
 * the comparison of gpt-oss-120b on every built-in system that it prints.
 */
class EmbeddingExampleIT {

    private static final Path EXAMPLE = REPO.resolve("examples/embedding");
    private static final List<String> MODULES = List.of("framework-api", "plugin-nvidia", "plugin-cerebras",
            "plugin-groq-stacked", "plugin-workloads", "host-app/units", "host-app/engine", "host-app/spec",
            "host-app/explore", "host-app/runtime", "host-app/embed");

    @TempDir
    static Path tmp;
    private static Path project;

    @BeforeAll
    static void buildTheExample() throws Exception {
        project = build(EXAMPLE, tmp, MODULES);
    }

    @Test
    void theExampleBuildsAndPrintsAComparison() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Run example = run(project, java.toString(), "-jar", "target/embedding-example-1.0.0.jar", "gpt-oss-120b");
        assertEquals(0, example.exitCode(), example.output());
        System.out.println(example.output());

        List<String> lines = example.output().lines().toList();
        assertTrue(lines.get(0).matches("hardware +max tok/s/user +max tok/s/chip +\\$/Mtok @50"), example.output());
        Map<String, Double> perUser = new LinkedHashMap<>();
        Map<String, Double> cost = new LinkedHashMap<>();
        Matcher row = Pattern.compile("^(\\S+) +(\\d+) +([\\d.]+) +([\\d.]+|-)$", Pattern.MULTILINE)
                .matcher(example.output());
        while (row.find()) {
            perUser.put(row.group(1), Double.parseDouble(row.group(2)));
            if (!row.group(4).equals("-")) {
                cost.put(row.group(1), Double.parseDouble(row.group(4)));
            }
        }
        assertEquals(lines.size() - 1, perUser.size(), example.output());
        assertTrue(perUser.keySet().containsAll(List.of("cerebras-cs3", "groq-lpu-v1", "nvidia-b200", "nvidia-h100")),
                example.output());
        // The Ferrari and the bus: the wafer serves one user fastest, an HBM GPU serves 50 tok/s/user cheapest.
        assertTrue(perUser.get("cerebras-cs3") > 4 * perUser.get("nvidia-b200"), perUser.toString());
        String cheapest = cost.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow().getKey();
        assertTrue(cheapest.startsWith("nvidia-"), cost.toString());
        assertFalse(example.output().contains("Exception"), example.output());
    }

    @Test
    void anIntegratorCompilesAgainstNoFaceAndNoFrameworkImplementation() throws Exception {
        List<String> classPath = compileClassPath(project, tmp, MODULES);
        assertTrue(classPath.stream().anyMatch(jar -> jar.contains("host-embed-")), classPath.toString());
        for (String forbidden : List.of("picocli", "jfreechart", "logback", "org.apache.felix", "host-cli",
                "host-http")) {
            assertTrue(classPath.stream().noneMatch(jar -> jar.contains(forbidden)),
                    forbidden + " on the example's compile class path: " + classPath);
        }
    }

    @Test
    void theExamplePinsTheVersionsOfTheParentPom() throws Exception {
        Map<String, String> example = versions(EXAMPLE.resolve("pom.xml"));
        Map<String, String> parent = versions(REPO.resolve("pom.xml"));
        assertTrue(example.keySet().containsAll(List.of("host-embed", "maven-jar-plugin", "maven-dependency-plugin")),
                example.toString());
        // SLF4J's modules come at the version of the SLF4J BOM that the parent imports.
        example.forEach((artifact, version) -> assertEquals(artifact.startsWith("host-")
                        || artifact.startsWith("plugin-") ? MavenProjects.VERSION
                        : parent.get(artifact.startsWith("slf4j-") ? "slf4j-bom" : artifact), version,
                artifact + " in examples/embedding/pom.xml"));
    }
}
