package io.cashews.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Generated code that must compile cleanly in awkward corners. */
class GenerationTest {

    @Test
    void parameterNamesNeverClashWithGeneratedNames() {
        JavaFileObject source = Compilations.source("test.Service", """
                package test;

                import io.cashews.annotations.Cache;

                public interface Service {
                    record Box(String v) {}

                    @Cache(ttl = "1h", condition = io.cashews.NotNullCondition.class)
                    String find(String delegate, String cache, String key, String sb, String hit, String args,
                            String e, Box value);

                    @Cache(ttl = "1h", key = "{find.v}:{sb}")
                    String find(Box find, int sb);

                    @Cache(ttl = "1h", key = "{v.v}")
                    String find(Box v) throws java.io.IOException, java.sql.SQLException;
                }
                """);
        Compilation compilation = Compilations.compile(source);
        Compilations.assertCleanSuccess(compilation);
        assertThat(compilation).generatedSourceFile("test.Service_Cached").contentsAsUtf8String()
                .contains("private final CacheMethod find2;");
        assertThat(compilation).generatedSourceFile("test.Service_Cached").contentsAsUtf8String()
                .contains("private static final long FIND3_TTL = 3600000L;");
    }

    @Test
    void literalsAreEscaped() {
        JavaFileObject source = Compilations.source("test.Service", """
                package test;

                import io.cashews.annotations.Cache;

                public interface Service {
                    @Cache(ttl = "1h", key = "'{a}\\\\{b}\\"{{{c}}}")
                    String find(char a, Character b, byte c);
                }
                """);
        Compilation compilation = Compilations.compile(source);
        Compilations.assertCleanSuccess(compilation);
        // one concatenation: char and byte values unboxed, quotes and backslashes escaped
        assertThat(compilation).generatedSourceFile("test.Service_Cached").contentsAsUtf8String()
                .contains("String key = \"'\" + a + \"\\\\\" + b + \"\\\"{\" + c + \"}\";");
    }

    @Test
    void mapPropertiesNeedStringKeys() {
        JavaFileObject source = Compilations.source("test.Service", """
                package test;

                import io.cashews.annotations.Cache;
                import java.util.Map;

                public interface Service {
                    @Cache(ttl = "1h", key = "{byId.host}")
                    String find(Map<Integer, String> byId);
                }
                """);
        assertThat(Compilations.compile(source)).hadErrorContaining("[CashewsUnknownProperty] Map has no property 'host'");
    }

    @Test
    void wildcardAndTypeVariablePathsResolveThroughBounds() {
        JavaFileObject source = Compilations.source("test.Service", """
                package test;

                import io.cashews.annotations.Cache;
                import java.util.List;
                import java.util.Map;

                public interface Service<U extends Service.User> {
                    interface User {
                        String getName();
                    }

                    @Cache(ttl = "1h", key = "{user.name}:{users.empty}:{byName.x.name}")
                    String find(U user, List<? extends User> users, Map<String, ? extends U> byName);
                }
                """);
        Compilations.assertCleanSuccess(Compilations.compile(source));
    }

    @Test
    void genericVarargsDoNotWarnInTheProxy() {
        JavaFileObject source = Compilations.source("test.Service", """
                package test;

                import io.cashews.annotations.Cache;
                import java.util.List;

                public interface Service<T> {
                    @SuppressWarnings("unchecked")
                    @Cache(ttl = "1h", key = "{lists}")
                    String find(List<String>... lists);

                    @SuppressWarnings("unchecked")
                    String all(T... items);
                }
                """);
        Compilations.assertCleanSuccess(Compilations.compile(source));
    }

    @Test
    void inheritedMemberTypesDoNotShadowImportedTypes() {
        JavaFileObject other = Compilations.source("other.Keys", """
                package other;

                public record Keys(String id) {}
                """);
        JavaFileObject source = Compilations.source("test.Service", """
                package test;

                import io.cashews.annotations.Cache;

                public interface Service extends Base {
                    @Cache(ttl = "1h", key = "{keys.id}:{kind}:{cacheMethod}")
                    other.Keys find(other.Keys keys, Kind kind, CacheMethod cacheMethod);
                }
                """);
        JavaFileObject base = Compilations.source("test.Base", """
                package test;

                public interface Base {
                    enum Kind { A }
                    enum Keys { B }
                    record CacheMethod(String v) {}
                }
                """);
        Compilations.assertCleanSuccess(Compilations.compile(other, base, source));
    }

    @Test
    void cachedResultTypesAreRegisteredForDecoding() {
        JavaFileObject source = Compilations.source("test.Shop", """
                package test;

                import io.cashews.annotations.Cache;
                import java.util.List;
                import java.util.Map;
                import java.util.concurrent.CompletableFuture;

                public interface Shop<T extends Shop.Entity<T>> {
                    interface Entity<E> {}
                    record Order(String id) {}
                    record Price(long cents) {}
                    record Item(String name) {}

                    @Cache(ttl = "1m")
                    CompletableFuture<List<Order>> orders(String user);

                    @Cache(ttl = "1m")
                    Map<String, Price> prices(String user);

                    @Cache(ttl = "1m")
                    Item[] items(String user);

                    @Cache(ttl = "1m")
                    T entity(String id);

                    @Cache(ttl = "1m")
                    String name(String id);

                    Order notCached(String id);
                }
                """);
        Compilation compilation = Compilations.compile(source);
        Compilations.assertCleanSuccess(compilation);
        // java.* types are left to the codec; each application class once, in declaration order;
        // the self-referential bound of T is followed once
        assertThat(compilation).generatedSourceFile("test.Shop_Cached").contentsAsUtf8String()
                .contains("ValueTypes.allow(Shop.Order.class, Shop.Price.class, Shop.Item.class, Shop.Entity.class);");
    }
}
