package io.cashews.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.cashews.processor.CompiledClasses.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import io.cashews.Cashews;
import io.cashews.time.ManualClock;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Caller values steering keys (issue 17, SPEC §5), through generated proxies on {@code mem://}: a
 * value's {@code :} cannot move it into the next placeholder, a value's {@code *} cannot widen an
 * {@code @Invalidate}, {@code null} and {@code "null"} differ, tags follow escaped keys, and
 * placeholders without text between them are a compile error.
 */
class HostileKeysFunctionalTest {

    private static final String SERVICE = """
            package hk;

            import io.cashews.annotations.*;
            import java.util.List;

            public interface Acl {
                @Cache(ttl = "1h", key = "acl:{user}:{resource}")
                String allowed(String user, String resource);

                @Cache(ttl = "1h", key = "item:{name}", tags = "owner:{owner}")
                String item(String name, String owner);

                @Cache(ttl = "1h", key = "part:{name}:{n}")
                String part(String name, int n);

                @Cache(ttl = "1h", key = "groups:{groups}")
                String groups(List<List<String>> groups);

                @Invalidate("item:{name}")
                void drop(String name);

                @Invalidate("part:{name}:*")
                void dropParts(String name);

                @Invalidate("part:*")
                void dropAllParts();

                @Invalidate(tags = "owner:{owner}")
                void dropOwner(String owner);
            }
            """;

    private static final String IMPL = """
            package hk;

            import java.util.List;
            import java.util.concurrent.atomic.AtomicInteger;

            public class AclImpl implements Acl {
                public final AtomicInteger calls = new AtomicInteger();

                @Override public String allowed(String user, String resource) {
                    return user + "|" + resource + "#" + calls.incrementAndGet();
                }
                @Override public String item(String name, String owner) { return name + "#" + calls.incrementAndGet(); }
                @Override public String part(String name, int n) { return name + n + "#" + calls.incrementAndGet(); }
                @Override public String groups(List<List<String>> groups) { return groups + "#" + calls.incrementAndGet(); }
                @Override public void drop(String name) { }
                @Override public void dropParts(String name) { }
                @Override public void dropAllParts() { }
                @Override public void dropOwner(String owner) { }
            }
            """;

    private static CompiledClasses classes;

    private Cashews cache;
    private Object acl;

    @BeforeAll
    static void compile() {
        Compilation compilation = Compilations.compile(
                Compilations.source("hk.Acl", SERVICE), Compilations.source("hk.AclImpl", IMPL));
        Compilations.assertCleanSuccess(compilation);
        classes = new CompiledClasses(compilation);
    }

    @BeforeEach
    void setUp() throws Exception {
        cache = Cashews.builder().clock(new ManualClock()).executor(Runnable::run).build();
        cache.setup("mem://");
        acl = classes.create("hk.Acl_Cached", classes.create("hk.AclImpl"), cache);
    }

    @Test
    void aSeparatorInAValueNeverSharesAnAnswerWithAnotherCall() throws Throwable {
        Object first = call(acl, "allowed", "alice:admin", "panel");
        Object second = call(acl, "allowed", "alice", "admin:panel");
        assertThat(second).isNotEqualTo(first).asString().startsWith("alice|admin:panel#");
        assertThat(call(acl, "allowed", "alice:admin", "panel")).isEqualTo(first);
        assertThat(cache.exists("acl:alice\\:admin:panel")).isTrue();
        assertThat(cache.exists("acl:alice:admin\\:panel")).isTrue();
    }

    @Test
    void theStringNullAndNullAreTwoCalls() throws Throwable {
        Object none = call(acl, "allowed", null, "x");
        Object text = call(acl, "allowed", "null", "x");
        assertThat(text).isNotEqualTo(none);
        assertThat(call(acl, "allowed", null, "x")).isEqualTo(none);
    }

    @Test
    void nestedGroupsThatFlattenAlikeAreTwoCalls() throws Throwable {
        Object ab = call(acl, "groups", List.of(List.of("a", "b"), List.of("c")));
        Object bc = call(acl, "groups", List.of(List.of("a"), List.of("b", "c")));
        assertThat(bc).isNotEqualTo(ab);
    }

    @Test
    void aStarFromACallerDeletesOnlyTheKeyItNames() throws Throwable {
        call(acl, "item", "1", "o");
        call(acl, "item", "2", "o");
        call(acl, "item", "*", "o");
        call(acl, "drop", "*");
        assertThat(cache.exists("item:1")).isTrue();
        assertThat(cache.exists("item:2")).isTrue();
        assertThat(cache.exists("item:\\*")).isFalse();
    }

    @Test
    void aPatternTemplateMatchesItsOwnStarOnly() throws Throwable {
        call(acl, "part", "a", 1);
        call(acl, "part", "a", 2);
        call(acl, "part", "b", 1);
        call(acl, "part", "*", 1);
        // The caller's '*' is a character: only the parts named "*" go.
        call(acl, "dropParts", "*");
        assertThat(cache.exists("part:a:1")).isTrue();
        assertThat(cache.exists("part:b:1")).isTrue();
        assertThat(cache.exists("part:\\*:1")).isFalse();
        // The template's own '*' is a wildcard.
        call(acl, "dropParts", "a");
        assertThat(cache.exists("part:a:1")).isFalse();
        assertThat(cache.exists("part:a:2")).isFalse();
        assertThat(cache.exists("part:b:1")).isTrue();
        call(acl, "dropAllParts");
        assertThat(cache.exists("part:b:1")).isFalse();
    }

    @Test
    void tagsFollowEscapedKeys() throws Throwable {
        call(acl, "item", "x", "team:red");
        call(acl, "item", "y", "team");
        call(acl, "dropOwner", "team:red");
        assertThat(cache.exists("item:x")).isFalse();
        assertThat(cache.exists("item:y")).isTrue();
    }

    @Test
    void placeholdersWithoutTextBetweenThemAreACompileError() {
        Compilation compilation = Compilations.compile(Compilations.source("hk.Adjacent", """
                package hk;

                import io.cashews.annotations.Cache;

                public interface Adjacent {
                    @Cache(ttl = "1h", key = "n:{a}{b}")
                    String n(int a, int b);
                }
                """));
        assertThat(compilation).hadErrorContaining("[CashewsAdjacentPlaceholders] placeholders {a} and {b}");
    }

    @Test
    void aDigestMayBeFollowedDirectly() {
        Compilation compilation = Compilations.compile(Compilations.source("hk.Digest", """
                package hk;

                import io.cashews.annotations.Cache;

                public interface Digest {
                    @Cache(ttl = "1h", key = "n:{a:hash}{b}")
                    String n(String a, int b);
                }
                """));
        Compilations.assertCleanSuccess(compilation);
    }
}
