package dev.tokenscale.host;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import dev.tokenscale.host.engine.Accelerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Data flows one way: plugins describe (and see only the SPI), engines compute (and see no framework, file format or
 * face), faces present. The plugins are checked in their built jars, as the host loads them.
 */
class ArchitectureIT {

    @Test
    void enginesUseNoFrameworkFormatOrFaceAndNothingAboveThem() {
        // From where the host's classes are, rather than scanning every jar on the class path for the package.
        JavaClasses host = new ClassFileImporter().importLocations(
                Set.of(Location.of(Accelerator.class.getProtectionDomain().getCodeSource().getLocation())));
        noClasses().that().resideInAPackage("dev.tokenscale.host.engine..").should().dependOnClassesThat()
                .resideInAnyPackage("org.osgi..", "com.fasterxml.jackson..", "picocli..", "com.google.inject..",
                        "dev.tokenscale.host.cli..", "dev.tokenscale.host.runtime..")
                .check(host);
    }

    @Test
    void pluginsUseOnlyJavaTheSpiOsgiAndSlf4j() throws IOException {
        List<String> checked = new ArrayList<>();
        for (Path jar : pluginJars()) {
            JavaClasses plugin;
            try (JarFile file = new JarFile(jar.toFile())) {
                plugin = new ClassFileImporter().importJar(file);
            }
            if (plugin.isEmpty()) {
                continue; // a data-only plugin
            }
            // Its own packages, so that a plugin never reaches into another plugin or the host.
            Stream<String> own = plugin.stream().map(JavaClass::getPackageName).distinct();
            classes().should().onlyDependOnClassesThat().resideInAnyPackage(Stream.concat(own,
                            Stream.of("java..", "dev.tokenscale.api..", "org.osgi.framework", "org.slf4j.."))
                    .toArray(String[]::new))
                    .check(plugin);
            checked.add(jar.getFileName().toString());
        }
        assertEquals(List.of("plugin-cerebras-1.0.0-SNAPSHOT.jar", "plugin-groq-stacked-1.0.0-SNAPSHOT.jar",
                "plugin-nvidia-1.0.0-SNAPSHOT.jar"), checked);
    }

    private static List<Path> pluginJars() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("tokenscale.home"), "plugins"))) {
            return files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
        }
    }
}
