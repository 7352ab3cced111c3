package dev.tokenscale.api;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/** The SPI that vendors compile against needs nothing but Java at run time. */
@AnalyzeClasses(packages = "dev.tokenscale.api", importOptions = ImportOption.DoNotIncludeTests.class)
class ApiArchitectureTest {

    /**
     * bnd reads the OSGi annotations ({@code @Export}, {@code @Version}, {@code @ConsumerType}) at build time. They
     * stay in the class files, which is what ArchUnit sees, but with class retention nothing loads them at run time.
     */
    private static final DescribedPredicate<JavaClass> BUILD_TIME_ANNOTATION = DescribedPredicate.describe(
            "a class-retention OSGi annotation", type -> type.getPackageName().startsWith("org.osgi.annotation.")
                    && type.reflect().isAnnotation()
                    && type.reflect().getAnnotation(Retention.class).value() == RetentionPolicy.CLASS);

    @ArchTest
    static final ArchRule importsOnlyJava = classes().should()
            .onlyDependOnClassesThat(resideInAnyPackage("java..", "dev.tokenscale.api..").or(BUILD_TIME_ANNOTATION));
}
