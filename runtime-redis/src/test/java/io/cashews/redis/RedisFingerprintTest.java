package io.cashews.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cashews.Cashews;
import io.cashews.codec.ValueType;
import io.cashews.redis.ShopVersions.Release;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SPEC §18 on a real Redis, plain and with {@code client_side=true}: values stored by one release
 * of a service, read by the next release's proxy. A changed shape or {@code version} is a miss,
 * one delegate call per method and key, and an overwrite; an unchanged shape keeps hitting; a value
 * stored without an envelope (before fingerprints) is a miss once. JSON, because it decodes into
 * the reading release's own classes; with {@code secret}, so the signature covers the envelope.
 */
class RedisFingerprintTest {

    private static final String URL = TestRedis.url(0);

    private Cashews cache;

    private void open(String options) {
        cache = Cashews.create(URL + "?serializer=json&secret=fingerprints" + options);
        cache.clear();
    }

    @AfterEach
    void close() {
        if (cache != null) {
            cache.close();
        }
    }

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
        "plain, added component             | | Payment payment) {}    | Payment payment, String note) {}",
        "plain, new enum constant           | | NEW, PAID }            | NEW, PAID, SHIPPED }",
        "plain, changed sealed type         | | permits Card, Cash {}  | permits Card, Cash, Voucher {} record Voucher(String code) implements Payment {}",
        "client-side, retyped component     | &client_side=true | long cents, Status | int cents, Status",
        "client-side, changed nested record | &client_side=true | String name, String email | String name, String mail",
        "client-side, version               | &client_side=true | @Cache(ttl = \"1h\", key = \"order:{id}\") | @Cache(ttl = \"1h\", key = \"order:{id}\", version = \"2\")",
    })
    void aChangedShapeIsAMissThatRecomputesOnceAndThenHits(String change, String options, String from, String to) {
        open(options == null ? "" : options.strip());
        String releaseB = ShopVersions.release(from.strip(), to.strip());
        if (releaseB.contains("String note)")) {
            releaseB = releaseB.replace("new Card(\"4111\"))", "new Card(\"4111\"), \"n\")");
        }
        Release b = storedByBaseThenRead(releaseB);

        int expected = change.endsWith("version") ? 1 : ShopVersions.METHODS.size() + 1;
        assertThat(b.calls()).as(change).isEqualTo(expected);
        for (String method : ShopVersions.METHODS) {
            b.call(method, "1");
        }
        assertThat(b.calls()).as(change + ": overwritten, then hits").isEqualTo(expected);
    }

    @ParameterizedTest(name = "client_side={0}")
    @ValueSource(booleans = {false, true})
    void anUnchangedShapeKeepsHittingAndAFailoverServesOnlyItsOwnShape(boolean clientSide) {
        open(clientSide ? "&client_side=true" : "");
        Release b = storedByBaseThenRead(ShopVersions.BASE.replace("/** The order. */", "/** The order, by id. */")
                .replace("String email) {}", "String email) { public String display() { return name; } }"));
        assertThat(b.calls()).isZero();
        assertThat(b.call("order", "1")).hasToString("Order[id=1, cents=1250, status=PAID, customer=Customer[name=Ann,"
                + " email=ann@example.com], payment=Card[number=4111]]");

        b.call("failover", "1");
        Release renamed = new Release(ShopVersions.release("long cents, Status", "long amount, Status"), cache);
        renamed.down(true);
        assertThatThrownBy(() -> renamed.call("failover", "1")).isInstanceOf(IllegalStateException.class);
        b.down(true);
        assertThat(b.call("failover", "1")).isNotNull();
    }

    @ParameterizedTest(name = "client_side={0}")
    @ValueSource(booleans = {false, true})
    void aValueStoredBeforeFingerprintsIsAMissOnceAndIsRewritten(boolean clientSide) {
        open(clientSide ? "&client_side=true" : "");
        Release a = new Release(ShopVersions.BASE, cache);
        Object order = a.call("order", "1");
        cache.set("order:1", order);

        assertThat(a.call("order", "1")).isEqualTo(order);
        assertThat(a.calls()).isEqualTo(2);
        assertThat(a.call("order", "1")).isEqualTo(order);
        assertThat(a.calls()).isEqualTo(2);
        // The facade without a fingerprint reads both forms.
        assertThat(cache.getAs("order:1", ValueType.of(a.type("shop.Orders$Order")))).isEqualTo(order);
    }

    @ParameterizedTest(name = "client_side={0}")
    @ValueSource(booleans = {false, true})
    void redisHoldsTheEnvelopeInsideTheSignature(boolean clientSide) {
        open(clientSide ? "&client_side=true" : "");
        new Release(ShopVersions.BASE, cache).call("order", "1");
        try (TestRedis.Raw raw = TestRedis.raw(URL)) {
            byte[] stored = raw.sync().get("order:1");
            String text = new String(stored, StandardCharsets.ISO_8859_1);
            assertThat(text).startsWith("md5:");
            assertThat(text.charAt(text.indexOf('_') + 1)).isEqualTo('F');
            assertThat(text.charAt(text.indexOf('_') + 10)).isEqualTo('O');
        }
    }
}
