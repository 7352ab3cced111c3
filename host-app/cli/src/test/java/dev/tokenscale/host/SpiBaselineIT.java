package dev.tokenscale.host;

import static dev.tokenscale.host.testing.MavenProjects.REPO;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenscale.host.testing.MavenProjects;
import dev.tokenscale.host.testing.MavenProjects.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SPI's compatibility check fails the build on a breaking change: a copy of {@code framework-api} whose
 * {@code AcceleratorFamily} lost its {@code resolve} method (which breaks every plugin whose family overrides or
 * calls it) is built with Maven, and its
 * baseline against the released SPI in {@code framework-api/releases} refuses it, suggesting the major version the
 * change needs. It runs a separate Maven build of the module (10 to 30 seconds), because the check under test is
 * that build.
 */
class SpiBaselineIT {

    @TempDir
    Path tmp;

    @Test
    void removingAMethodFromAnInterfacePluginsImplementFailsTheBuild() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("tokenscale"));
        Files.copy(REPO.resolve("pom.xml"), root.resolve("pom.xml"));
        Path api = root.resolve("framework-api");
        MavenProjects.copy(REPO.resolve("framework-api"), api);
        Path family = api.resolve("src/main/java/dev/tokenscale/api/AcceleratorFamily.java");
        String source = Files.readString(family);
        String withoutResolve = source.replace("""
                    default AcceleratorSpec resolve(AcceleratorSpec declared) {
                        return declared;
                    }
                """, "");
        assertNotEquals(source, withoutResolve, "the test no longer finds resolve() in " + family);
        Files.writeString(family, withoutResolve);

        Run build = MavenProjects.offline(api, tmp, List.of(api.resolve("releases")), "verify", "-DskipTests");

        assertNotEquals(0, build.exitCode(), build.output());
        String report = Files.readString(api.resolve("target/baseline/framework-api-" + MavenProjects.VERSION
                + ".txt"));
        assertTrue(Pattern.compile("\\* dev\\.tokenscale\\.api +PACKAGE +MAJOR +1\\.2\\.0 +1\\.1\\.0 +2\\.0\\.0")
                .matcher(report).find(), report);
        assertTrue(Pattern.compile("REMOVED +METHOD +resolve\\(dev\\.tokenscale\\.api\\.AcceleratorSpec\\)")
                .matcher(report).find(), report);
    }
}
