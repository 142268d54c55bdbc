package io.cashews.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SPEC §18: the fingerprint the processor folds into each value type constant. It must change
 * with the stored shape and with {@code version}, stay put for everything else, and be the same
 * on every compilation, machine and JDK (the golden values below).
 */
class FingerprintTest {

    private static final Pattern CONSTANT = Pattern.compile(
            "private static final ValueType<\\?> (\\w+) = (.*?);\\n");
    // ValueType.of(0x…L, Order.class), or ValueType.ANY.fingerprint(0x…L): the only hex literal.
    private static final Pattern FINGERPRINT = Pattern.compile("0x([0-9a-f]{1,16})L");

    /** Each value type constant of a proxy and its fingerprint ({@code "-"} for none), in order. */
    static Map<String, String> fingerprints(Compilation compilation, String proxy) throws IOException {
        Compilations.assertCleanSuccess(compilation);
        String source = compilation.generatedSourceFile(proxy).orElseThrow().getCharContent(true).toString();
        Map<String, String> found = new LinkedHashMap<>();
        Matcher constant = CONSTANT.matcher(source);
        while (constant.find()) {
            Matcher fingerprint = FINGERPRINT.matcher(constant.group(2));
            found.put(constant.group(1), fingerprint.find() ? fingerprint.group(1) : "-");
        }
        return found;
    }

    @Nested
    class Golden {
        private static final String SHAPES = """
                package golden;

                import io.cashews.annotations.Cache;
                import io.cashews.annotations.Early;
                import io.cashews.annotations.Failover;
                import io.cashews.annotations.Hit;
                import io.cashews.annotations.Soft;
                import java.io.Serializable;
                import java.util.List;
                import java.util.Map;
                import java.util.Optional;
                import java.util.concurrent.CompletableFuture;
                import java.util.stream.Stream;

                public interface Shapes {
                    enum Status { NEW, PAID, SHIPPED }
                    record Line(String sku, int quantity) implements Serializable {}
                    record Order(String id, long cents, Status status, List<Line> lines) implements Serializable {}
                    sealed interface Payment permits Card, Cash {}
                    record Card(String number) implements Payment {}
                    record Cash(long cents) implements Payment {}
                    record Node(String name, List<Node> children) {}
                    record Box<T extends Comparable<T>>(T value, T[] more) {}
                    abstract class Base implements Serializable {
                        private static final long serialVersionUID = 1L;
                        protected String owner;
                        static int created;
                    }
                    final class Basket extends Base {
                        private static final long serialVersionUID = 1L;
                        private java.util.ArrayList<Line> lines;
                        private transient int cachedSize;
                        private java.util.HashMap<String, Order> byId;
                    }

                    @Cache(ttl = "1h") Order order(String id);
                    @Cache(ttl = "1h") Status status(String id);
                    @Cache(ttl = "1h") Payment payment(String id);
                    @Cache(ttl = "1h") Node tree(String id);
                    @Cache(ttl = "1h") Box<String> box(String id);
                    @Cache(ttl = "1h") Basket basket(String id);
                    @Cache(ttl = "1h") Map<String, List<Order>> index(String id);
                    @Cache(ttl = "1h") Order[] orders(String id);
                    @Cache(ttl = "1h") CompletableFuture<Optional<Line>> line(String id);
                    @Cache(ttl = "1h") Stream<Line> lines(String id);
                    @Cache(ttl = "1h", version = "2") Order orderV2(String id);
                    @Hit(ttl = "1h", cacheHits = 3) List<String> names(String id);
                    @Early(ttl = "1h") String text(String id);
                    @Soft(ttl = "1h", softTtl = "1m", version = "x") long count(String id);
                    @Failover(ttl = "1h") void ping(String id);
                }
                """;

        @Test
        void theFingerprintsOfAFixedSetOfTypesNeverChange() throws IOException {
            Map<String, String> found = fingerprints(
                    Compilations.compile(Compilations.source("golden.Shapes", SHAPES)), "golden.Shapes_Cached");
            // Computed once and pinned: a change here makes every value that deployed proxies
            // stored a miss, so it needs a reason (and a new header line in Fingerprints).
            // String and Void are JDK classes without arguments: no fingerprint; long has a version.
            assertThat(found).containsExactlyInAnyOrderEntriesOf(pinned());
        }

        @Test
        void theSameSourcesGiveTheSameFingerprintsInAnotherCompilationAndOrder() throws IOException {
            JavaFileObject shapes = Compilations.source("golden.Shapes", SHAPES);
            JavaFileObject unrelated = Compilations.source("golden.Other", """
                    package golden;
                    public record Other(String x) {}
                    """);
            assertThat(fingerprints(Compilations.compile(unrelated, shapes), "golden.Shapes_Cached"))
                    .containsExactlyInAnyOrderEntriesOf(pinned());
        }

        private static Map<String, String> pinned() {
            Map<String, String> pinned = new LinkedHashMap<>();
            pinned.put("ORDER_TYPE", "2fa38cddd3a3c448");
            pinned.put("STATUS_TYPE", "34a32ab887af7506");
            pinned.put("PAYMENT_TYPE", "94d28dfb3e5560dc");
            pinned.put("NODE_TYPE", "7669beebd5ba6528");
            pinned.put("BOX_STRING_TYPE", "b6d2c3ca9f4fcd0e");
            pinned.put("BASKET_TYPE", "667c6e3bbeb08dea");
            pinned.put("MAP_STRING_LIST_ORDER_TYPE", "afb558761bb2194d");
            pinned.put("ORDER_ARRAY_TYPE", "71dfd97842e22d2c");
            pinned.put("OPTIONAL_LINE_TYPE", "55f7064e89b5ba04");
            pinned.put("LINE_TYPE", "1e1030eab8d3b860");
            pinned.put("ORDER_TYPE2", "361fcefef0e14183");
            pinned.put("LIST_STRING_TYPE", "817570b0b2ed43f");
            pinned.put("STRING_TYPE", "-");
            pinned.put("LONG_TYPE", "ba8c95a6e88d0217");
            pinned.put("VOID_TYPE", "-");
            return pinned;
        }
    }

    @Nested
    class Changes {
        private static final String ORDERS = """
                package shop;

                import io.cashews.annotations.Cache;
                import java.util.List;

                public interface Orders {
                    enum Status { NEW, PAID }
                    record Customer(String name, String email) {}
                    sealed interface Payment permits Card, Cash {}
                    record Card(String number) implements Payment {}
                    record Cash(long cents) implements Payment {}
                    record Order(String id, long cents, Status status, Customer customer, List<Payment> payments) {}

                    /** The order. */
                    @Cache(ttl = "1h", key = "order:{id}")
                    Order order(String id);
                }
                """;

        private String orderFingerprint(String source) throws IOException {
            return fingerprints(Compilations.compile(Compilations.source("shop.Orders", source)), "shop.Orders_Cached")
                    .get("ORDER_TYPE");
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "renamed component       | long cents, Status               | long amount, Status",
            "added component         | List<Payment> payments)          | List<Payment> payments, String note)",
            "removed component       | ', Customer customer'            | ''",
            "retyped component       | long cents, Status               | int cents, Status",
            "reordered components    | String id, long cents            | long cents, String id",
            "new enum constant       | NEW, PAID }                      | NEW, PAID, SHIPPED }",
            "changed nested record   | String name, String email        | String name, String mail",
            "changed sealed subtypes | permits Card, Cash {}            | permits Card, Cash, Voucher {} record Voucher(String code) implements Payment {}",
            "changed permitted record| record Cash(long cents)          | record Cash(long cents, String currency)",
            "changed type argument   | List<Payment> payments           | java.util.Set<Payment> payments",
            "version                 | key = \"order:{id}\")             | key = \"order:{id}\", version = \"2\")",
        })
        void aChangeOfTheStoredShapeOrOfVersionChangesTheFingerprint(String change, String from, String to)
                throws IOException {
            String changed = ORDERS.replace(from.strip(), to.strip());
            assertThat(changed).as(change).isNotEqualTo(ORDERS);

            assertThat(orderFingerprint(changed)).as(change).isNotEqualTo(orderFingerprint(ORDERS));
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "javadoc                 | /** The order. */                | /** The order, by its id. */",
            "a method of a record    | record Customer(String name, String email) {} | record Customer(String name, String email) { String display() { return name + email; } }",
            "a static field          | record Customer(String name, String email) {} | record Customer(String name, String email) { static final int MAX = 3; }",
            "a method of an enum     | NEW, PAID }                      | NEW, PAID; boolean done() { return this == PAID; } }",
            "a method of the service | Order order(String id);          | Order order(String id); default int size() { return 0; }",
            "an empty version        | key = \"order:{id}\")             | key = \"order:{id}\", version = \"\")",
            "another key and ttl     | ttl = \"1h\", key = \"order:{id}\" | ttl = \"2h\", key = \"o:{id}\"",
        })
        void aChangeThatKeepsTheShapeKeepsTheFingerprint(String change, String from, String to) throws IOException {
            String changed = ORDERS.replace(from.strip(), to.strip());
            assertThat(changed).as(change).isNotEqualTo(ORDERS);

            assertThat(orderFingerprint(changed)).as(change).isEqualTo(orderFingerprint(ORDERS));
        }

        @Test
        void aClassFromAnEarlierCompilationCountsByNameOnly() throws IOException {
            // The record compiled on its own, then the service against its class file: its shape
            // is not a source of this compilation, so changing it changes nothing here.
            String record = """
                    package lib;
                    public record Money(long amount, String currency) {}
                    """;
            String service = """
                    package shop;
                    import io.cashews.annotations.Cache;
                    public interface Prices {
                        @Cache(ttl = "1h") lib.Money price(String sku);
                    }
                    """;
            String fromClassFile = fingerprints(
                    compileAgainst(Compilations.source("lib.Money", record), Compilations.source("shop.Prices", service)),
                    "shop.Prices_Cached").get("MONEY_TYPE");
            String renamed = fingerprints(compileAgainst(
                    Compilations.source("lib.Money", record.replace("long amount", "long cents")),
                    Compilations.source("shop.Prices", service)), "shop.Prices_Cached").get("MONEY_TYPE");
            String together = fingerprints(Compilations.compile(Compilations.source("lib.Money", record),
                    Compilations.source("shop.Prices", service)), "shop.Prices_Cached").get("MONEY_TYPE");

            // A library class without type arguments is its name alone: no fingerprint at all.
            assertThat(fromClassFile).isEqualTo(renamed).isEqualTo("-");
            assertThat(together).isNotEqualTo("-");
        }

        private Compilation compileAgainst(JavaFileObject library, JavaFileObject source) throws IOException {
            Compilation first = com.google.testing.compile.Compiler.javac().compile(library);
            assertThat(first).succeeded();
            java.nio.file.Path classes = java.nio.file.Files.createTempDirectory("fingerprint-lib");
            for (JavaFileObject file : first.generatedFiles()) {
                if (file.getKind() == JavaFileObject.Kind.CLASS) {
                    String path = file.toUri().getPath();
                    java.nio.file.Path target = classes.resolve(path.substring(path.indexOf("CLASS_OUTPUT/") + 13));
                    java.nio.file.Files.createDirectories(target.getParent());
                    try (var in = file.openInputStream()) {
                        java.nio.file.Files.copy(in, target);
                    }
                }
            }
            return Compilations.compileWithClasspath(List.of(classes), source);
        }
    }

    @Nested
    class Versions {
        private Compilation compile(String annotation) {
            return Compilations.compile(Compilations.source("test.Versioned", """
                    package test;

                    import io.cashews.annotations.*;

                    public interface Versioned {
                        %s
                        String value(String id);
                    }
                    """.formatted(annotation)));
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "@Cache(ttl = \"1h\", version = \"  \")                | Cache    | is blank",
            "@Early(ttl = \"1h\", version = \" 2\")                | Early    | starts or ends with white space",
            "@Soft(ttl = \"1h\", softTtl = \"1m\", version = \"2 \") | Soft     | starts or ends with white space",
            "@Hit(ttl = \"1h\", cacheHits = 2, version = \"a\\tb\")   | Hit      | holds the control character U+0009",
            "@Dynamic(version = \"a\\u0000\")                       | Dynamic  | holds the control character U+0000",
            "@Failover(ttl = \"1h\", version = \"\\n\")              | Failover | is blank",
        })
        void aVersionThatIsNotPrintableTextIsAnErrorOnTheAttribute(String annotation, String name, String problem) {
            Compilation compilation = compile(annotation);

            assertThat(compilation).failed();
            assertThat(compilation).hadErrorContaining("[CashewsBadVersion] version \"");
            assertThat(compilation).hadErrorContaining("of @" + name + " on method 'value' " + problem);
            assertThat(compilation).hadErrorContaining("; write printable text such as \"2\"");
        }

        @Test
        void printableVersionsCompileOnEveryValueAnnotation() throws IOException {
            List<String> all = new ArrayList<>();
            for (String annotation : List.of("@Cache(ttl = \"1h\", version = \"2026-12 prices in cents\")",
                    "@Failover(ttl = \"1h\", version = \"2\")", "@Early(ttl = \"1h\", version = \"é\")",
                    "@Hit(ttl = \"1h\", cacheHits = 2, version = \"2\")", "@Dynamic(version = \"2\")",
                    "@Soft(ttl = \"1h\", softTtl = \"1m\", version = \"2\")")) {
                Map<String, String> found = fingerprints(compile(annotation), "test.Versioned_Cached");
                assertThat(found.values()).as(annotation).singleElement().isNotEqualTo("-");
                all.addAll(found.values());
            }
            // Only the text matters, not the annotation: the five "2"s agree.
            assertThat(all.stream().distinct()).hasSize(3);
        }
    }
}
