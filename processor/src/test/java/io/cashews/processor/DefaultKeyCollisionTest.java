package io.cashews.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.cashews.processor.CompiledClasses.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import io.cashews.Cashews;
import io.cashews.time.ManualClock;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 19 D1 and D2: default keys that different methods, or proxies of different interfaces,
 * shared. Overloads list their parameter types, inherited methods are named after the proxied
 * interface, and the common case keeps its key.
 */
class DefaultKeyCollisionTest {

    private static final String OVERLOADS = """
            package dk;

            import io.cashews.annotations.Cache;

            public interface Over {
                @Cache(ttl = "1m") String find(String id);
                @Cache(ttl = "1m") String find(int id);
                @Cache(ttl = "1m") Integer find(long id);
                @Cache(ttl = "1m") String plain(String id);
            }
            """;

    private static final String OVERLOADS_IMPL = """
            package dk;

            public class OverImpl implements Over {
                public int calls;
                @Override public String find(String id) { calls++; return "string-" + id; }
                @Override public String find(int id) { calls++; return "int-" + id; }
                @Override public Integer find(long id) { calls++; return (int) id * 10; }
                @Override public String plain(String id) { calls++; return "plain-" + id; }
            }
            """;

    private static final String REPOSITORIES = """
            package dk;

            import io.cashews.annotations.Cache;

            public final class Repos {
                private Repos() {}

                @SuppressWarnings("cashews:GenericDefaultKey") // the test proxies Repo itself once
                public interface Repo<T, ID> {
                    @Cache(ttl = "1m") T find(ID id);
                }

                public interface UserRepo extends Repo<String, Long> {
                    @Cache(ttl = "1m") String byName(String name);
                }

                public interface CountRepo extends Repo<Integer, Long> {
                    @Cache(ttl = "1m") int total();
                }

                public static class Users implements UserRepo {
                    public int calls;
                    @Override public String find(Long id) { calls++; return "user-" + id; }
                    @Override public String byName(String name) { calls++; return "named-" + name; }
                }

                public static class Counts implements CountRepo {
                    public int calls;
                    @Override public Integer find(Long id) { calls++; return 100 + id.intValue(); }
                    @Override public int total() { calls++; return 0; }
                }

                public static class Plain implements Repo<String, Long> {
                    public int calls;
                    @Override public String find(Long id) { calls++; return "from-plain-repo"; }
                }
            }
            """;

    private static CompiledClasses classes;

    private Cashews cache;

    @BeforeAll
    static void compile() {
        Compilation compilation = Compilations.compile(
                Compilations.source("dk.Over", OVERLOADS),
                Compilations.source("dk.OverImpl", OVERLOADS_IMPL),
                Compilations.source("dk.Repos", REPOSITORIES));
        Compilations.assertCleanSuccess(compilation);
        classes = new CompiledClasses(compilation);
    }

    @BeforeEach
    void setUp() {
        cache = Cashews.builder().clock(new ManualClock()).build();
        cache.setup("mem://");
    }

    @AfterEach
    void tearDown() {
        cache.close();
    }

    private static int calls(Object impl) throws Exception {
        return impl.getClass().getField("calls").getInt(impl);
    }

    @Test
    void overloadsWithTheDefaultKeyNoLongerShareEntries() throws Throwable {
        Object impl = classes.create("dk.OverImpl");
        Object proxy = classes.create("dk.Over_Cached", impl, cache);
        assertThat(call(proxy, "find", "1")).isEqualTo("string-1");
        assertThat(call(proxy, "find", 1)).isEqualTo("int-1");
        assertThat(call(proxy, "find", 1L)).isEqualTo(10);
        // alternating calls are hits now, not evictions of each other's entries
        assertThat(call(proxy, "find", "1")).isEqualTo("string-1");
        assertThat(call(proxy, "find", 1L)).isEqualTo(10);
        assertThat(call(proxy, "find", 1)).isEqualTo("int-1");
        assertThat(calls(impl)).isEqualTo(3);
        assertThat((Object) cache.get("dk.Over.find(String):id:1")).isEqualTo("string-1");
        assertThat((Object) cache.get("dk.Over.find(int):id:1")).isEqualTo("int-1");
        assertThat((Object) cache.get("dk.Over.find(long):id:1")).isEqualTo(10);
    }

    @Test
    void aMethodThatIsNotOverloadedKeepsItsKey() throws Throwable {
        Object impl = classes.create("dk.OverImpl");
        Object proxy = classes.create("dk.Over_Cached", impl, cache);
        call(proxy, "plain", "x");
        assertThat((Object) cache.get("dk.Over.plain:id:x")).isEqualTo("plain-x");
    }

    @Test
    void subInterfacesOfAGenericRepositoryNoLongerServeEachOthersEntities() throws Throwable {
        Object plainImpl = classes.create("dk.Repos$Plain");
        Object plain = classes.create("dk.Repos_Repo_Cached", plainImpl, cache);
        Object usersImpl = classes.create("dk.Repos$Users");
        Object users = classes.create("dk.Repos_UserRepo_Cached", usersImpl, cache);
        Object countsImpl = classes.create("dk.Repos$Counts");
        Object counts = classes.create("dk.Repos_CountRepo_Cached", countsImpl, cache);

        assertThat(call(plain, "find", 7L)).isEqualTo("from-plain-repo");
        assertThat(call(users, "find", 7L)).isEqualTo("user-7");
        // was a ClassCastException: String cannot be cast to Integer
        assertThat(call(counts, "find", 7L)).isEqualTo(107);
        assertThat(call(users, "find", 7L)).isEqualTo("user-7");
        assertThat(call(counts, "find", 7L)).isEqualTo(107);
        assertThat(calls(usersImpl)).isEqualTo(1);
        assertThat(calls(countsImpl)).isEqualTo(1);
        assertThat((Object) cache.get("dk.Repos.Repo.find:id:7")).isEqualTo("from-plain-repo");
        assertThat((Object) cache.get("dk.Repos.UserRepo.find:id:7")).isEqualTo("user-7");
        assertThat((Object) cache.get("dk.Repos.CountRepo.find:id:7")).isEqualTo(107);
        // the sub-interface's own method keeps the plain key
        call(users, "byName", "ann");
        assertThat((Object) cache.get("dk.Repos.UserRepo.byName:name:ann")).isEqualTo("named-ann");
    }

    @Test
    void aGenericResultWithTheDefaultKeyIsWarnedAbout() {
        JavaFileObject source = Compilations.source("test.Repo", """
                package test;

                import io.cashews.annotations.Cache;
                import java.util.List;

                public interface Repo<T, ID> {
                    @Cache(ttl = "1m")
                    T find(ID id);

                    @Cache(ttl = "1m")
                    List<T> all(String filter);

                    @Cache(ttl = "1m", key = "repo:{id}")
                    T explicit(ID id);

                    @Cache(ttl = "1m")
                    long count(String filter);
                }
                """);
        Compilation compilation = Compilations.compile(source);
        assertThat(compilation).succeeded();
        assertThat(compilation).hadWarningContaining("[CashewsGenericDefaultKey] @Cache method 'find' of generic"
                + " interface test.Repo returns a type argument but has the default key \"test.Repo.find:id:{id}\"")
                .inFile(source).onLine(7);
        assertThat(compilation).hadWarningContaining("@Cache method 'all' of generic interface test.Repo");
        // an explicit key, and a result that does not mention T, are the user's decision
        assertThat(compilation).hadWarningCount(2 + unclaimedGeneratedWarnings(compilation));
    }

    @Test
    void aGenericRepositoryProxiedThroughAConcreteSubInterfaceIsNotWarnedAbout() {
        Compilation compilation = Compilations.compile(Compilations.source("test.Repos", """
                package test;

                import io.cashews.annotations.Cache;

                public final class Repos {
                    private Repos() {}

                    @SuppressWarnings("cashews:GenericDefaultKey")
                    public interface Repo<T, ID> {
                        @Cache(ttl = "1m") T find(ID id);
                    }

                    public interface UserRepo extends Repo<String, Long> {
                        @Cache(ttl = "1m") String byName(String name);
                    }
                }
                """));
        Compilations.assertCleanSuccess(compilation);
        assertThat(compilation).generatedSourceFile("test.Repos_UserRepo_Cached").contentsAsUtf8String()
                .contains("\"test.Repos.UserRepo.find:id:{id}\"");
    }

    @Test
    void overloadsWhoseSimpleTypeNamesClashGetQualifiedNames() {
        Compilation compilation = Compilations.compile(Compilations.source("test.Lists", """
                package test;

                import io.cashews.annotations.Cache;

                public interface Lists {
                    @Cache(ttl = "1m") String size(java.util.List<String> items);
                    @Cache(ttl = "1m") String size(java.awt.List items);
                    @Cache(ttl = "1m") String size(String[] items, int... more);
                }
                """));
        Compilations.assertCleanSuccess(compilation);
        assertThat(compilation).generatedSourceFile("test.Lists_Cached").contentsAsUtf8String()
                .contains("\"test.Lists.size(java.util.List):items:{items}\"");
        assertThat(compilation).generatedSourceFile("test.Lists_Cached").contentsAsUtf8String()
                .contains("\"test.Lists.size(java.awt.List):items:{items}\"");
        assertThat(compilation).generatedSourceFile("test.Lists_Cached").contentsAsUtf8String()
                .contains("\"test.Lists.size(java.lang.String[],int[]):items:{items}:more:{more}\"");
    }

    /** javac's processing lint about {@code @Generated} on the proxies, which every compilation here has. */
    private static int unclaimedGeneratedWarnings(Compilation compilation) {
        return (int) compilation.warnings().stream()
                .filter(d -> d.getMessage(null).contains("No processor claimed any of these annotations"))
                .count();
    }
}
