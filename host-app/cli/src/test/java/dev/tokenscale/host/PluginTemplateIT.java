package dev.tokenscale.host;

import static dev.tokenscale.host.testing.MavenProjects.REPO;
import static dev.tokenscale.host.testing.MavenProjects.build;
import static dev.tokenscale.host.testing.MavenProjects.run;
import static dev.tokenscale.host.testing.MavenProjects.versions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenscale.api.ApiVersion;
import dev.tokenscale.host.testing.MavenProjects.Run;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vendor path of {@code examples/plugin-template/README.md}, end to end: build the template with Maven in a
 * separate process, check its jar with {@code ./tokenscale plugin verify}, and load it with
 * {@code ./tokenscale plugins --plugins target/}. The template is built against this build's framework-api (staged
 * in a private local repository whose other entries link to the shared one), so the test needs no prior
 * {@code mvn install} and is not disturbed by other SPI snapshots installed meanwhile.
 */
class PluginTemplateIT {

    private static final Path TEMPLATE = REPO.resolve("examples/plugin-template");
    private static final String JAR = "target/acme-meridian-plugin-1.0.0.jar";

    @TempDir
    Path tmp;

    @Test
    void theTemplateBuildsIntoAPluginThatVerifiesAndLoads() throws Exception {
        Path project = build(TEMPLATE, tmp, List.of("framework-api"));
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
}
