package io.cashews.arch;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import io.cashews.CacheBackendInteractionException;
import io.cashews.CacheException;
import io.cashews.Cashews;
import io.cashews.Command;
import io.cashews.Exist;
import io.cashews.Ttl;
import io.cashews.UnsecureDataException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The runtime's package rules, on its main classes: no package cycles; the API, SPI and codec
 * packages never reach into generated code's package or a backend; {@code io.cashews.base} stands
 * on nothing of the rest; no reflection; backends only through {@link ServiceLoader}.
 *
 * <p>Package dependencies these rules leave (an arrow: "imports"):
 * <pre>
 * io.cashews          → base, codec, spi, time
 * io.cashews.internal → io.cashews, base, codec, spi, time   (generated code's entry points)
 * io.cashews.memory   → io.cashews, codec, spi, time         (found by ServiceLoader only)
 * io.cashews.codec    → spi, and the API leaf UnsecureDataException
 * io.cashews.spi      → time, and the API leaves Exist, Ttl, Command, CacheBackendInteractionException
 * io.cashews.base     → time
 * io.cashews.time     → nothing
 * </pre>
 */
@AnalyzeClasses(packages = "io.cashews", importOptions = ImportOption.DoNotIncludeTests.class)
class RuntimeArchitectureTest {

    /**
     * The only edges the cycle rule ignores: SPEC §7 fixes these types in {@code io.cashews} (the
     * command options {@code Exist}, the TTL parser {@code Ttl}, the enum {@code Command}, the
     * exceptions a backend or a signature check throws), while {@code io.cashews} imports the SPI
     * and the codecs. {@code Command} is here because {@code spi.BackendCall} carries it, so that a
     * decorator of backends names a command as a middleware does. They are leaves
     * ({@link #API_LEAVES_ARE_LEAVES}), so the SPI and codec reach no further into the API through
     * them, and nothing else of {@code io.cashews} may be imported by {@code spi} or {@code codec}.
     */
    static final Set<Class<?>> SPEC_FIXED_API_LEAVES = Set.of(
            Exist.class, Ttl.class, Command.class, CacheBackendInteractionException.class,
            UnsecureDataException.class);

    /** Every runtime class sits in the slice of its own package, the root package included. */
    private static final SliceAssignment BY_PACKAGE = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String pkg = javaClass.getPackageName();
            return pkg.equals("io.cashews") || pkg.startsWith("io.cashews.")
                    ? SliceIdentifier.of(pkg)
                    : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "the packages of the runtime";
        }
    };

    @ArchTest
    static final ArchRule NO_PACKAGE_CYCLES = slices().assignedFrom(BY_PACKAGE)
            .should().beFreeOfCycles()
            .ignoreDependency(resideInAnyPackage("io.cashews.spi", "io.cashews.codec"),
                    belongToAnyOf(SPEC_FIXED_API_LEAVES.toArray(Class<?>[]::new)));

    @ArchTest
    static final ArchRule API_LEAVES_ARE_LEAVES = classes()
            .that(belongToAnyOf(SPEC_FIXED_API_LEAVES.toArray(Class<?>[]::new)))
            .should().onlyDependOnClassesThat(DescribedPredicate.describe(
                    "are JDK types, JSpecify annotations, these leaves or their CacheException base",
                    (JavaClass c) -> {
                        JavaClass type = c.getBaseComponentType(); // Exist.values() returns Exist[]
                        return type.getPackageName().startsWith("java.")
                                || type.getPackageName().startsWith("org.jspecify.")
                                || SPEC_FIXED_API_LEAVES.stream().anyMatch(type::isEquivalentTo)
                                || type.isEquivalentTo(CacheException.class);
                    }))
            .because("the cycle rule ignores edges to these types only because they lead nowhere");

    @ArchTest
    static final ArchRule API_SPI_AND_CODEC_NEVER_IMPORT_INTERNAL_OR_BACKENDS = noClasses()
            .that().resideInAnyPackage("io.cashews", "io.cashews.spi", "io.cashews.codec")
            .should().dependOnClassesThat()
            .resideInAnyPackage("io.cashews.internal..", "io.cashews.memory..", "io.cashews.redis..")
            .because("io.cashews.internal is generated code's entry points and a backend is a plug-in");

    @ArchTest
    static final ArchRule NO_THREAD_SCOPES_IN_INTERNAL = noClasses()
            .that().resideInAPackage("io.cashews.internal..")
            .should().dependOnClassesThat().areAssignableTo(ThreadLocal.class)
            .because("thread-scope plumbing lives in io.cashews.base: io.cashews.internal promises"
                    + " binary compatibility to generated code and holds only what proxies call");

    @ArchTest
    static final ArchRule BASE_IMPORTS_NOTHING_OF_THE_RUNTIME = classes()
            .that().resideInAPackage("io.cashews.base..")
            .should().onlyDependOnClassesThat(resideOutsideOfPackage("io.cashews..")
                    .or(resideInAnyPackage("io.cashews.base..", "io.cashews.time..")))
            .because("io.cashews.base is what both the API and generated code's package stand on");

    @ArchTest
    static final ArchRule NO_REFLECTION = NoReflection.rule(resideInAPackage("io.cashews.."));

    @ArchTest
    static final ArchRule NOTHING_NAMES_THE_MEMORY_BACKEND = noClasses()
            .that(resideOutsideOfPackage("io.cashews.memory.."))
            .should().dependOnClassesThat().resideInAPackage("io.cashews.memory..")
            .because("backends are found through ServiceLoader, by URL scheme, never by name");

    @ArchTest
    static void theFacadeLoadsProvidersThroughServiceLoader(JavaClasses runtime) {
        assertThat(runtime.get(Cashews.class).getMethodCallsFromSelf())
                .as("Cashews finds backend providers by ServiceLoader.load(BackendProvider.class, loader)")
                .anyMatch(call -> call.getTargetOwner().isEquivalentTo(ServiceLoader.class)
                        && call.getName().equals("load")
                        && call.getTarget().getRawParameterTypes().size() == 2);
    }

    @ArchTest
    static void everyBackendProviderIsListedForServiceLoader(JavaClasses runtime) throws IOException {
        Set<String> implemented = BackendProviders.implemented(runtime);
        assertThat(implemented).isNotEmpty();
        assertThat(BackendProviders.listed(Path.of("src/main/resources"))).isEqualTo(implemented);
    }
}
