package io.cashews.disk;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.cashews.arch.BackendProviders;
import io.cashews.arch.NoReflection;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The disk backend and generated code under the runtime's rules: no reflection in this module's
 * main classes nor in the proxies the processor generated for its test interfaces
 * ({@link EveryStrategy} has one method per strategy and result shape); the backend plugs in
 * through the SPI only, its provider is its only public class, and it is listed for
 * {@code ServiceLoader}.
 */
@AnalyzeClasses(packages = "io.cashews.disk")
class DiskArchitectureTest {

    /** Proxies written by the processor: {@code X_Cached}, and their nested classes. */
    private static final DescribedPredicate<JavaClass> GENERATED_PROXY = DescribedPredicate.describe(
            "are generated proxies (X_Cached)", c -> outermost(c).getSimpleName().endsWith("_Cached"));

    private static final DescribedPredicate<JavaClass> MAIN = DescribedPredicate.describe(
            "are main classes of runtime-disk",
            c -> c.getSource().map(source -> !source.getUri().toString().contains("/test-classes/")).orElse(false));

    @ArchTest
    static final ArchRule NO_REFLECTION = NoReflection.rule(MAIN.or(GENERATED_PROXY));

    @ArchTest
    static final ArchRule GENERATED_PROXIES_CALL_THE_RUNTIME = classes()
            .that(GENERATED_PROXY).and().areTopLevelClasses()
            .should().dependOnClassesThat().resideInAPackage("io.cashews.internal")
            .because("the reflection rule must see real proxies: each calls its strategy objects");

    @ArchTest
    static final ArchRule THE_BACKEND_PLUGS_IN_THROUGH_THE_SPI = noClasses()
            .that(MAIN)
            .should().dependOnClassesThat().resideInAnyPackage("io.cashews.internal..", "io.cashews.memory..",
                    "io.cashews.redis..")
            .because("a backend module uses the SPI, the codecs and the API, never generated code's"
                    + " package or another backend");

    @ArchTest
    static final ArchRule ONLY_THE_PROVIDER_IS_PUBLIC = classes()
            .that(MAIN).and().haveModifier(JavaModifier.PUBLIC)
            .should().haveSimpleName("DiskBackendProvider")
            .because("everything else is an implementation detail (SPEC §13)");

    @ArchTest
    static final ArchRule NO_DRIVER_MANAGER = noClasses()
            .that(MAIN)
            .should().dependOnClassesThat().haveFullyQualifiedName("java.sql.DriverManager")
            .because("connections come from SQLiteConfig, without the reflective driver lookup");

    @ArchTest
    static void everyStrategysProxyIsScanned(JavaClasses classes) {
        assertThat(classes.contain(EveryStrategy.class.getName() + "_Cached")).isTrue();
    }

    @ArchTest
    static void theProviderIsListedForServiceLoader(JavaClasses classes) throws IOException {
        assertThat(BackendProviders.listed(Path.of("src/main/resources")))
                .isEqualTo(BackendProviders.implemented(classes))
                .containsExactly(DiskBackendProvider.class.getName());
    }

    private static JavaClass outermost(JavaClass c) {
        JavaClass outer = c;
        while (outer.getEnclosingClass().isPresent()) {
            outer = outer.getEnclosingClass().get();
        }
        return outer;
    }
}
