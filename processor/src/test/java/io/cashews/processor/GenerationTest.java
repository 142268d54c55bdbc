package io.cashews.processor;

import static com.google.common.truth.Truth.assertThat;
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
                .contains("private final CacheMethod find3;");
    }

    @Test
    void aParameterNamedLikeAFieldIsNeverReadInsteadOfIt() throws java.io.IOException {
        // Fields are read without "this." in method bodies: a parameter of the same name must
        // bring it back, and no local may take a field's name.
        JavaFileObject source = Compilations.source("test.Orders", """
                package test;

                import io.cashews.annotations.Cache;
                import io.cashews.annotations.Failover;

                public interface Orders {
                    record Customer(String id) {}
                    record Ref(Customer customer, String id) {}

                    @Cache(ttl = "1h", key = "o:{order}:{delegate}", tags = "t:{order}")
                    String order(String order, String delegate);

                    @Cache(ttl = "1h", key = "c:{ref.customer.id}")
                    String customer(Ref ref);

                    @Failover(ttl = "1d")
                    @Cache(ttl = "1h", key = "p:{pageCache}")
                    String page(String pageCache, String pageFailover);
                }
                """);
        Compilation compilation = Compilations.compile(source);
        Compilations.assertCleanSuccess(compilation);
        String generated = compilation.generatedSourceFile("test.Orders_Cached").orElseThrow()
                .getCharContent(true).toString();
        org.assertj.core.api.Assertions.assertThat(generated)
                .contains("var hit = this.order.lookup(key);")
                .contains("() -> this.delegate.order(order, delegate)")
                .contains("var hit = customer.lookup(key);")
                .doesNotContain("var customer =")
                .contains("return this.pageFailover.")
                .contains("this.pageCache.")
                .contains("origin.ran(delegate.page(pageCache, pageFailover))");
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
        // one concatenation: the byte as it is, quotes and backslashes of the literal escaped
        assertThat(compilation).generatedSourceFile("test.Service_Cached").contentsAsUtf8String()
                // char and Character may be a character the key escapes: rendered by the runtime.
                .contains("var key = \"'\" + Keys.render(a) + \"\\\\\" + Keys.render(b) + \"\\\"{\" + c + \"}\";");
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

                    // one instantiation per instance here; the default key does not name T
                    @SuppressWarnings("cashews:GenericDefaultKey")
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

    // Issue 21: the sample's Forecast was registered but its Unit enum was not, so on Redis every
    // forecast read back as a miss (JDK deserialization checks each class it meets).
    @Test
    void typesReachableFromAResultAreRegisteredNotOnlyTheResultType() throws java.io.IOException {
        JavaFileObject unit = Compilations.source("test.model.Unit", """
                package test.model;

                public enum Unit { CELSIUS, FAHRENHEIT }
                """);
        JavaFileObject base = Compilations.source("test.model.Base", """
                package test.model;

                public abstract class Base implements java.io.Serializable {
                    private static final long serialVersionUID = 1L;
                    private Audit audit;
                    public Audit audit() { return audit; }
                }
                """);
        JavaFileObject audit = Compilations.source("test.model.Audit", """
                package test.model;

                public record Audit(String by, Level level) implements java.io.Serializable {
                    public enum Level { LOW, HIGH }
                }
                """);
        JavaFileObject hidden = Compilations.source("test.model.Hidden", """
                package test.model;

                public class Hidden implements java.io.Serializable {
                    private static final long serialVersionUID = 1L;
                    private Secret secret;
                    private static Skipped constant;
                    private transient Skipped notWritten;
                    private static class Secret implements java.io.Serializable {
                        private static final long serialVersionUID = 1L;
                        Tag tag;
                    }
                    public record Tag(String name) implements java.io.Serializable {}
                    public record Skipped(String name) {}
                }
                """);
        JavaFileObject source = Compilations.source("test.Weather", """
                package test;

                import io.cashews.annotations.Cache;
                import java.util.List;
                import java.util.Map;
                import test.model.Base;
                import test.model.Hidden;
                import test.model.Unit;

                public interface Weather {
                    record Forecast(String city, Unit unit, List<Reading> readings, Map<String, Sky[]> skies)
                            implements java.io.Serializable {}
                    record Reading(double value, Forecast again) implements java.io.Serializable {}
                    enum Sky { SUN, RAIN }
                    final class Report extends Base {
                        private static final long serialVersionUID = 1L;
                        private Forecast forecast;
                    }

                    @Cache(ttl = "1m")
                    Forecast forecast(String city);

                    @Cache(ttl = "1m")
                    List<Report> reports(String city);

                    @Cache(ttl = "1m")
                    Hidden hidden(String city);
                }
                """);
        Compilation compilation = Compilations.compile(unit, base, audit, hidden, source);
        Compilations.assertCleanSuccess(compilation);
        // record components, type arguments, array components, superclass fields, recursively,
        // each once; java.* left to the codec; static and transient fields are not serialized,
        // and a private class cannot be named by the proxy (its own fields are still followed)
        String proxy = compilation.generatedSourceFile("test.Weather_Cached").orElseThrow()
                .getCharContent(true).toString().replaceAll("\\s+", " ");
        assertThat(proxy).contains("ValueTypes.allow(Weather.Forecast.class, Unit.class, Weather.Reading.class,"
                + " Weather.Sky.class, Weather.Report.class, Base.class, Audit.class, Audit.Level.class,"
                + " Hidden.class, Hidden.Tag.class);");
    }

    @Test
    void declaredValueTypesCompileForEveryShapeOfResult() throws java.io.IOException {
        JavaFileObject source = Compilations.source("test.Shapes", """
                package test;

                import io.cashews.annotations.Cache;
                import io.cashews.annotations.Early;
                import java.util.List;
                import java.util.Map;
                import java.util.Optional;
                import java.util.concurrent.CompletableFuture;
                import java.util.concurrent.CompletionStage;
                import java.util.stream.Stream;

                public interface Shapes<T extends Comparable<T>> {
                    class Box<V> {
                        public class Lid<W> {}
                    }

                    @Cache(ttl = "1m", key = "a:{id}") List<? extends Number> wildcard(String id);
                    @Cache(ttl = "1m", key = "b:{id}") Map<String, ?> unbounded(String id);
                    @Cache(ttl = "1m", key = "c:{id}") T variable(String id);
                    @Cache(ttl = "1m", key = "d:{id}") T[] variableArray(String id);
                    @Cache(ttl = "1m", key = "e:{id}") List<int[]> primitiveArrays(String id);
                    @Cache(ttl = "1m", key = "f:{id}") Box<String>.Lid<Long> innerOfGeneric(String id);
                    @Cache(ttl = "1m", key = "g:{id}") CompletableFuture<? super Integer> contravariant(String id);
                    @Cache(ttl = "1m", key = "h:{id}") <E extends Comparable<E>> E methodVariable(String id);
                    @Cache(ttl = "1m", key = "i:{id}") Stream<Map.Entry<String, List<Long>>> entries(String id);
                    @SuppressWarnings("rawtypes")
                    @Cache(ttl = "1m", key = "j:{id}") List raw(String id);
                    @Cache(ttl = "1m", key = "k:{id}") Optional<T> optional(String id);
                    @Cache(ttl = "1m", key = "l:{id}") CompletionStage<Void> nothing(String id);
                    @Early(ttl = "1m", key = "m:{id}") List<String> early(String id);
                    @Cache(ttl = "1m", key = "n:{id}") Object anything(String id);
                    @Cache(ttl = "1m", key = "o:{id}") long primitive(String id);
                }
                """);
        Compilation compilation = Compilations.compile(source);
        Compilations.assertCleanSuccess(compilation);
        String generated = compilation.generatedSourceFile("test.Shapes_Cached").orElseThrow().getCharContent(true).toString();
        // The types without their fingerprints (ValueType.of(0x…L, List.class, …)), which come below.
        String types = generated.replaceAll("0x[0-9a-f]{1,16}L, ", "");
        org.assertj.core.api.Assertions.assertThat(types)
                .doesNotContain("ValueType.of(Stream.class")
                .contains("ValueType.of(List.class, ValueType.of(Number.class))")
                .contains("ValueType.of(Map.class, ValueType.of(String.class), ValueType.ANY)")
                .contains("ValueType.of(Comparable.class)")
                .contains("ValueType.of(Comparable[].class)")
                .contains("ValueType.of(List.class, ValueType.of(int[].class))")
                .contains("ValueType.of(Shapes.Box.Lid.class, ValueType.of(Long.class))")
                .contains("ValueType.of(Map.Entry.class, ValueType.of(String.class), ValueType.of(List.class, ValueType.of(Long.class)))")
                // Optional<T> reuses the constant that T's bound already has, declared above it
                // (an argument's fingerprint is never checked, only the outer type's).
                .contains("ValueType.of(Optional.class, COMPARABLE_TYPE)")
                .contains("ValueType.of(Void.class)")
                .contains("ValueType.of(Long.class)");
        // A JDK class without arguments needs no fingerprint (its class check is the whole shape);
        // an argument list or a variable's bound gets one.
        org.assertj.core.api.Assertions.assertThat(generated)
                .contains("ValueType.of(long.class);")
                .contains("ValueType.of(Void.class);")
                .containsPattern("LIST_STRING_TYPE = ValueType.of\\(0x[0-9a-f]{1,16}L, List.class, ValueType.of\\(String.class\\)\\);");
        // Object needs no constant: ValueType.ANY is the runtime's default; one constant per type.
        org.assertj.core.api.Assertions.assertThat(types).doesNotContain("ValueType.of(Object.class)")
                .containsPattern("builder\\(cache, \"n:\\{id}\"\\)\\s*\\.ttlMillis\\(60_000L\\)\\s*\\.build\\(\\)");
        org.assertj.core.api.Assertions.assertThat(generated.split("private static final ValueType<\\?> LIST_STRING_TYPE", -1)).hasSize(2);
    }
}
