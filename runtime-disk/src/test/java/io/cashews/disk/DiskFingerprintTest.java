package io.cashews.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cashews.Cashews;
import io.cashews.codec.Fingerprinted;
import io.cashews.codec.ValueType;
import io.cashews.redis.ShopVersions;
import io.cashews.redis.ShopVersions.Release;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SPEC §18 on {@code disk://}: values stored by one release of a service, read by the next
 * release's proxy through a real SQLite file. A changed shape of the result type (or a changed
 * {@code version}) is a miss, one delegate call per method and key, and an overwrite; an
 * unchanged shape keeps hitting. JSON is the serializer here because it decodes into the reading
 * release's own classes (JDK serialization would resolve classes through the test's loader).
 */
class DiskFingerprintTest {

    @TempDir
    Path dir;

    private Cashews cache;

    @BeforeEach
    void open() {
        cache = Cashews.create("disk://" + dir + "?serializer=json");
    }

    @AfterEach
    void close() {
        cache.close();
    }

    /** Stores through release A, each method twice (one delegate call each), then reads through B. */
    private Release storedByBaseThenRead(String releaseB) {
        Release a = new Release(ShopVersions.BASE, cache);
        for (String method : ShopVersions.METHODS) {
            a.call(method, "1");
            a.call(method, "1");
        }
        assertThat(a.calls()).as("stream stores two elements").isEqualTo(ShopVersions.METHODS.size() + 1);
        Release b = new Release(releaseB, cache);
        for (String method : ShopVersions.METHODS) {
            b.call(method, "1");
        }
        return b;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "renamed component     | long cents, Status                  | long amount, Status",
        "added component       | Payment payment) {}                 | Payment payment, String note) {}",
        "removed component     | Customer customer, Payment payment) | Payment payment)",
        "retyped component     | long cents, Status                  | int cents, Status",
        "new enum constant     | NEW, PAID }                         | NEW, PAID, SHIPPED }",
        "changed nested record | String name, String email           | String name, String mail",
        "changed sealed type   | permits Card, Cash {}               | permits Card, Cash, Voucher {} record Voucher(String code) implements Payment {}",
        "version               | @Cache(ttl = \"1h\", key = \"order:{id}\") | @Cache(ttl = \"1h\", key = \"order:{id}\", version = \"2\")",
    })
    void aChangedShapeIsAMissThatRecomputesOnceAndThenHits(String change, String from, String to) {
        String releaseB = fitConstructor(ShopVersions.release(from.strip(), to.strip()));
        Release b = storedByBaseThenRead(releaseB);

        // Every method missed once (two elements for the stream; only @Cache order has the version).
        int expected = change.startsWith("version") ? 1 : ShopVersions.METHODS.size() + 1;
        assertThat(b.calls()).as(change).isEqualTo(expected);
        for (String method : ShopVersions.METHODS) {
            b.call(method, "1");
        }
        assertThat(b.calls()).as(change + ": overwritten, then hits").isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "nothing               | /** The order. */         | /** The order. */",
        "javadoc               | /** The order. */         | /** The order, found by its id. */",
        "a method of a record  | String email) {}          | String email) { public String display() { return name + email; } }",
        "a static field        | record Cash(long cents) implements Payment {} | record Cash(long cents) implements Payment { static final long MAX = 10; }",
        "a method of the service | Order order(String id);  | Order order(String id); default int size() { return 0; }",
    })
    void anUnchangedShapeKeepsHitting(String change, String from, String to) {
        Release b = storedByBaseThenRead(ShopVersions.release(from.strip(), to.strip()));

        assertThat(b.calls()).as(change).isZero();
        assertThat(b.call("order", "1")).hasToString(
                "Order[id=1, cents=1250, status=PAID, customer=Customer[name=Ann, email=ann@example.com], payment=Card[number=4111]]");
    }

    @Test
    void withoutTheCheckTheOldValueWouldComeBackWrong() {
        Release a = new Release(ShopVersions.BASE, cache);
        a.call("order", "1");
        Release b = new Release(ShopVersions.release("Payment payment) {}", "Payment payment, String note) {}")
                .replace("new Card(\"4111\"))", "new Card(\"4111\"), \"fresh\")"), cache);

        // What a reader without the fingerprint gets: A's value as B's class, the new component null.
        Object stale = cache.getAs("order:1", ValueType.of(b.type("shop.Orders$Order")));
        assertThat(stale).hasToString("Order[id=1, cents=1250, status=PAID, customer=Customer[name=Ann,"
                + " email=ann@example.com], payment=Card[number=4111], note=null]");
        assertThat(b.call("order", "1")).hasToString("Order[id=1, cents=1250, status=PAID, customer=Customer[name=Ann,"
                + " email=ann@example.com], payment=Card[number=4111], note=fresh]");
        assertThat(b.calls()).isEqualTo(1);
    }

    @Test
    void aFailoverServesOnlyAValueOfItsOwnShape() {
        Release a = new Release(ShopVersions.BASE, cache);
        a.call("failover", "1");
        Release b = new Release(fitConstructor(ShopVersions.release("long cents, Status", "long amount, Status")), cache);
        b.down(true);
        assertThatThrownBy(() -> b.call("failover", "1")).isInstanceOf(IllegalStateException.class).hasMessage("down");
        // The same shape is served.
        Release same = new Release(ShopVersions.BASE.replace("/** The order. */", "/** Another build. */"), cache);
        same.down(true);
        assertThat(same.call("failover", "1")).isNotNull();
        assertThat(same.calls()).isZero();
    }

    @Test
    void aValueStoredBeforeFingerprintsIsAMissOnceAndIsRewritten() {
        Release a = new Release(ShopVersions.BASE, cache);
        Object order = a.call("order", "1");
        assertThat(a.calls()).isEqualTo(1);
        // As a release without fingerprints stored it: the plain value, no envelope.
        cache.set("order:1", order);

        assertThat(a.call("order", "1")).isEqualTo(order);
        assertThat(a.calls()).isEqualTo(2);
        assertThat(a.call("order", "1")).isEqualTo(order);
        assertThat(a.calls()).isEqualTo(2);
    }

    @Test
    void facadeReadsWithoutAFingerprintTakeTheEnvelopesContent() {
        Release a = new Release(ShopVersions.BASE, cache);
        a.call("order", "1");
        // Untyped reads decode the JSON into maps, whatever the fingerprint.
        List<Object> untyped = cache.getMany("order:1");
        assertThat(untyped.get(0)).asString().contains("id=1").contains("cents=1250");
        assertThat(cache.<Object>get("order:1")).isNotInstanceOf(Fingerprinted.class);
        ValueType<?> plain = ValueType.of(a.type("shop.Orders$Order"));
        assertThat(cache.getAs("order:1", plain)).isEqualTo(a.call("order", "1"));
        assertThat(cache.getAs("order:1", plain.fingerprint(1))).as("another fingerprint").isNull();
        assertThat(a.calls()).isEqualTo(1);
    }

    // Variants that add or remove a component need the implementation to follow.
    private static String fitConstructor(String source) {
        if (source.contains("Payment payment, String note)")) {
            return source.replace("new Card(\"4111\"))", "new Card(\"4111\"), \"n\")");
        }
        if (source.contains("Status status, Payment payment)")) {
            return source.replace("new Customer(\"Ann\", \"ann@example.com\"), ", "");
        }
        return source;
    }
}
