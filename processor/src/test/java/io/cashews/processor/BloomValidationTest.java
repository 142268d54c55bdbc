package io.cashews.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Compile-time checks of {@code @Bloom}, {@code @BloomAdd} and {@code @DualBloom}. */
class BloomValidationTest {

    private static JavaFileObject service(String body) {
        return Compilations.source("test.Service", """
                package test;

                import io.cashews.annotations.Bloom;
                import io.cashews.annotations.BloomAdd;
                import io.cashews.annotations.Cache;
                import io.cashews.annotations.DualBloom;
                import java.util.concurrent.CompletableFuture;

                public interface Service {
                """ + body + "}\n");
    }

    @Test
    void pairedFiltersCompileCleanly() {
        Compilations.assertCleanSuccess(Compilations.compile(service("""
                    @Bloom(capacity = 10, falsePositives = 0.1)
                    boolean known(String email, int tenant);

                    @BloomAdd(name = "known")
                    boolean add(String address, int tenantId);

                    @Bloom(name = "async", capacity = 10)
                    CompletableFuture<Boolean> knownAsync(String email);

                    @BloomAdd(name = "async")
                    CompletableFuture<String> addAsync(String email);

                    @DualBloom(capacity = 100)
                    Boolean exists(long id);
                """)));
    }

    @Test
    void capacityMustBePositiveAndFitOneKey() {
        JavaFileObject source = service("""
                    @Bloom(capacity = 0)
                    boolean zero(String email);
                    @BloomAdd(name = "zero")
                    boolean addZero(String email);

                    @DualBloom(capacity = 1_000_000_000_000L)
                    boolean huge(String email);
                """);
        Compilation compilation = Compilations.compile(source);
        assertThat(compilation).hadErrorContaining("[CashewsBloomCapacity] @Bloom capacity 0 must be positive")
                .inFile(source).onLineContaining("capacity = 0");
        assertThat(compilation).hadErrorContaining("[CashewsBloomCapacity] @DualBloom capacity 1000000000000 needs")
                .inFile(source).onLineContaining("1_000_000_000_000L");
    }

    @Test
    void falsePositivesMustBeAUsablePercentage() {
        JavaFileObject source = service("""
                    @Bloom(capacity = 10, falsePositives = 0)
                    boolean none(String email);
                    @BloomAdd(name = "none")
                    boolean addNone(String email);

                    @DualBloom(capacity = 10, falsePositives = 100)
                    boolean all(String email);

                    @DualBloom(capacity = 10, falsePositives = 90)
                    boolean useless(String email);
                """);
        Compilation compilation = Compilations.compile(source);
        assertThat(compilation).hadErrorContaining("[CashewsBloomFalsePositives] @Bloom falsePositives 0.0 must be"
                + " a percentage strictly between 0 and 100").inFile(source).onLineContaining("falsePositives = 0)");
        assertThat(compilation).hadErrorContaining("[CashewsBloomFalsePositives] @DualBloom falsePositives 100.0")
                .inFile(source).onLineContaining("falsePositives = 100");
        assertThat(compilation).hadErrorContaining("falsePositives 90.0 is so high that the filter gets no hash")
                .inFile(source).onLineContaining("falsePositives = 90");
    }

    @Test
    void aFilterAnswersYesOrNo() {
        JavaFileObject source = service("""
                    @Bloom(capacity = 10)
                    String known(String email);
                    @BloomAdd(name = "known")
                    boolean add(String email);

                    @DualBloom(capacity = 10)
                    CompletableFuture<String> exists(String email);
                """);
        Compilation compilation = Compilations.compile(source);
        assertThat(compilation).hadErrorContaining("[CashewsBloomResult] @Bloom method 'known' returns"
                + " java.lang.String").inFile(source).onLineContaining("@Bloom(");
        assertThat(compilation).hadErrorContaining("[CashewsBloomResult] @DualBloom method 'exists' returns"
                + " java.util.concurrent.CompletableFuture<java.lang.String>").inFile(source)
                .onLineContaining("@DualBloom(");
    }

    @Test
    void bloomWithoutAnAddSiblingIsAnError() {
        JavaFileObject source = service("""
                    @Bloom(capacity = 10)
                    boolean known(String email);

                    @BloomAdd
                    boolean add(String email);
                """);
        Compilation compilation = Compilations.compile(source);
        assertThat(compilation).hadErrorContaining("[CashewsBloomWithoutAdd] @Bloom method 'known' (filter"
                + " 'known') has no @BloomAdd sibling with name \"known\" and parameters (java.lang.String)")
                .inFile(source).onLineContaining("@Bloom(");
        assertThat(compilation).hadErrorContaining("[CashewsBloomAddWithoutBloom] @BloomAdd method 'add' adds to"
                + " filter 'add' with parameters (java.lang.String), but there is no @Bloom method named 'add'")
                .inFile(source).onLineContaining("@BloomAdd");
    }

    @Test
    void addSiblingMustTakeTheSameParameterTypes() {
        JavaFileObject source = service("""
                    @Bloom(capacity = 10)
                    boolean known(String email);

                    @BloomAdd(name = "known")
                    boolean add(long id);
                """);
        Compilation compilation = Compilations.compile(source);
        assertThat(compilation).hadErrorContaining("[CashewsBloomAddWithoutBloom] @BloomAdd method 'add' adds to"
                + " filter 'known' with parameters (long), but @Bloom method 'known' named 'known' takes"
                + " (java.lang.String)").inFile(source).onLineContaining("@BloomAdd");
        assertThat(compilation).hadErrorContaining("[CashewsBloomWithoutAdd] @Bloom method 'known'")
                .inFile(source).onLineContaining("@Bloom(");
    }

    @Test
    void addSiblingMustUseTheSamePrefixAndReturnSomething() {
        JavaFileObject source = service("""
                    @Bloom(capacity = 10)
                    boolean known(String email);

                    @BloomAdd(name = "known", prefix = "other")
                    boolean add(String email);

                    @Bloom(capacity = 10)
                    boolean seen(String email);

                    @BloomAdd(name = "seen")
                    void see(String email);
                """);
        Compilation compilation = Compilations.compile(source);
        assertThat(compilation).hadErrorContaining("[CashewsBloomAddPrefix] @BloomAdd method 'add' has prefix"
                + " \"other\" but its @Bloom sibling 'known' has \"bloom\"").inFile(source)
                .onLineContaining("prefix = \"other\"");
        assertThat(compilation).hadErrorContaining("[CashewsBloomAddVoid] @BloomAdd method 'see' returns void")
                .inFile(source).onLineContaining("name = \"seen\"");
    }

    @Test
    void twoFiltersWithOneNameAreAnError() {
        JavaFileObject source = service("""
                    @Bloom(name = "emails", capacity = 10)
                    boolean known(String email);

                    @Bloom(name = "emails", capacity = 20)
                    boolean alsoKnown(String email);

                    @BloomAdd(name = "emails")
                    boolean add(String email);
                """);
        Compilation compilation = Compilations.compile(source);
        assertThat(compilation).hadErrorContaining("[CashewsBloomDuplicate] filter name 'emails' of method"
                + " 'alsoKnown' is also used by method 'known'").inFile(source).onLineContaining("capacity = 20");
        assertThat(compilation).hadErrorContaining("[CashewsBloomDuplicate] filter name 'emails' of method"
                + " 'known' is also used by method 'alsoKnown'").inFile(source).onLineContaining("capacity = 10");
    }

    @Test
    void combinationsThatMakeNoSenseAreErrors() {
        JavaFileObject source = service("""
                    @Cache(ttl = "1h")
                    @Bloom(capacity = 10)
                    boolean known(String email);

                    @BloomAdd(name = "known")
                    @Bloom(name = "other", capacity = 10)
                    boolean add(String email);
                """);
        Compilation compilation = Compilations.compile(source);
        assertThat(compilation).hadErrorContaining("[CashewsConflictingAnnotations] @Cache and @Bloom on method"
                + " 'known' do not combine: the cache outside the filter would keep serving a stored false")
                .inFile(source).onLineContaining("@Bloom(capacity = 10)");
        assertThat(compilation).hadErrorContaining("[CashewsConflictingAnnotations] @BloomAdd and @Bloom on method"
                + " 'add' do not combine: a method either checks a Bloom filter or adds to one")
                .inFile(source).onLineContaining("@Bloom(name = \"other\"");
    }
}
