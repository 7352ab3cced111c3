package dev.tokenscale.host;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.members;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.tokenscale.host.embed.Tokenscale;
import dev.tokenscale.host.engine.Accelerator;
import dev.tokenscale.host.explore.Derivation;
import dev.tokenscale.host.http.ApiServer;
import dev.tokenscale.host.runtime.PluginHost;
import dev.tokenscale.host.spec.HardwareReader;
import dev.tokenscale.host.units.Units;
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
 * Data flows one way, and each module of the host holds one job: plugins describe (and see only the SPI), engines
 * compute (and see only the SPI; the explorer also the silicon data's values), spec files become SPI values and
 * silicon data values, the runtime loads plugins (and knows no face), the
 * embedding API serves integrators (and pulls in no face), faces present. Each module is checked in its own jar or
 * classes folder; the plugins in their built jars, as the host loads them.
 */
class ArchitectureIT {

    private static final String[] FACES = {"picocli..", "ch.qos.logback..", "org.jfree..",
        "dev.tokenscale.host.cli..", "dev.tokenscale.host.http.."};

    @Test
    void unitsArePlainJava() {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.tokenscale.host.units..")
                .check(module(Units.class));
    }

    @Test
    void enginesUseOnlyJavaAndTheSpi() {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.tokenscale.api..",
                "dev.tokenscale.host.units..", "dev.tokenscale.host.engine..").check(module(Accelerator.class));
    }

    @Test
    void theExplorerComputesOverTheSpiTheEnginesAndTheSiliconValuesOnly() {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.tokenscale.api..",
                "dev.tokenscale.host.engine..", "dev.tokenscale.host.explore..", "dev.tokenscale.host.spec.silicon..")
                .check(module(Derivation.class));
    }

    @Test
    void specFilesAreReadWithJacksonIntoSpiValuesOnly() {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.tokenscale.api..",
                "dev.tokenscale.host.units..", "dev.tokenscale.host.spec..", "com.fasterxml.jackson..")
                .check(module(HardwareReader.class));
    }

    @Test
    void theRuntimeKnowsNothingOfTheEmbeddingApiOrTheFaces() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(concat(FACES, "dev.tokenscale.host.embed..",
                "com.google.inject..")).check(module(PluginHost.class));
    }

    @Test
    void theEmbeddingApiUsesNoFaceAndNoFrameworkImplementation() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(concat(FACES, "org.apache.felix.."))
                .check(module(Tokenscale.class));
    }

    @Test
    void thePublicSignaturesOfTheEmbeddingApiExposeNoRuntimeType() {
        members().that().arePublic().and().areDeclaredInClassesThat().arePublic()
                .should(new ArchCondition<JavaMember>("expose no type of dev.tokenscale.host.runtime") {
                    @Override
                    public void check(JavaMember member, ConditionEvents events) {
                        Stream<JavaType> types = member instanceof JavaField field ? Stream.of(field.getType())
                                : member instanceof JavaCodeUnit unit ? Stream.concat(Stream.of(unit.getReturnType()),
                                unit.getParameterTypes().stream()) : Stream.empty();
                        types.flatMap(type -> type.getAllInvolvedRawTypes().stream())
                                .filter(type -> type.getPackageName().startsWith("dev.tokenscale.host.runtime"))
                                .forEach(type -> events.add(SimpleConditionEvent.violated(member,
                                        member.getFullName() + " exposes " + type.getName())));
                    }
                }).check(module(Tokenscale.class));
    }

    @Test
    void theHttpFaceGoesThroughTheEmbeddingApiAndUsesNoOtherFace() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("picocli..", "ch.qos.logback..",
                "org.jfree..", "dev.tokenscale.host.cli..", "dev.tokenscale.host.runtime..")
                .check(module(ApiServer.class));
    }

    /** The classes of the module (jar or classes folder) that holds this class. */
    private static JavaClasses module(Class<?> member) {
        return new ClassFileImporter().importLocations(
                Set.of(Location.of(member.getProtectionDomain().getCodeSource().getLocation())));
    }

    private static String[] concat(String[] first, String... more) {
        return Stream.concat(Stream.of(first), Stream.of(more)).toArray(String[]::new);
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
                            Stream.of("java..", "dev.tokenscale.api..", "org.osgi.framework",
                                    "org.osgi.service.component.annotations", "org.slf4j.."))
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
