package io.cashews.redis;

import static io.cashews.redis.Events.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cashews.Cashews;
import io.cashews.codec.ValueType;
import io.cashews.redis.OrderBook.Order;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code serializer=json} against a real Redis, through generated proxies: values are stored as
 * JSON text with no class name and come back as the methods' declared types, generics included;
 * the data never chooses what gets instantiated. Nothing here registers a class with
 * {@code ValueTypes}: JSON does not need it.
 */
class RedisJsonTest {

    private static final String URL = TestRedis.url(7);

    /** Counts its calls; each call's results differ, so hits are recognisable. */
    static final class Book implements OrderBook {
        final AtomicInteger calls = new AtomicInteger();

        private Order order(String customer) {
            int n = calls.incrementAndGet();
            return new Order(customer + "-" + n, 100L * n, List.of("line-a", "line-" + n));
        }

        @Override
        public List<Order> orders(String customer) {
            return List.of(order(customer), order(customer));
        }

        @Override
        public CompletableFuture<Map<String, Order>> byId(String customer) {
            Order order = order(customer);
            return CompletableFuture.completedFuture(Map.of(order.id(), order));
        }

        @Override
        public Order latest(String customer) {
            return order(customer);
        }

        @Override
        public Stream<Order> stream(String customer) {
            return Stream.of(order(customer), order(customer), order(customer));
        }

        @Override
        public Order failing(String customer) {
            calls.incrementAndGet();
            throw new IllegalStateException("no orders for " + customer);
        }
    }

    private TestRedis.Raw raw;
    private Cashews cache;
    private Book book;
    private OrderBook proxy;

    @BeforeEach
    void open() {
        raw = TestRedis.raw(URL);
        raw.sync().flushdb();
        cache = Cashews.create(URL + "?serializer=json");
        book = new Book();
        proxy = new OrderBook_Cached(book, cache);
    }

    @AfterEach
    void close() {
        cache.close();
        raw.close();
    }

    private String stored(String key) {
        byte[] data = raw.sync().get(key);
        assertThat(data).as("stored under %s", key).isNotNull();
        return new String(data, StandardCharsets.UTF_8);
    }

    // What a proxy stored, after its fingerprint envelope (F + eight bytes, SPEC §18).
    private String content(String key) {
        byte[] data = envelope(key);
        return new String(data, 9, data.length - 9, StandardCharsets.UTF_8);
    }

    private byte[] envelope(String key) {
        byte[] data = raw.sync().get(key);
        assertThat(data).as("stored under %s", key).isNotNull();
        assertThat(data[0]).as("the fingerprint's tag").isEqualTo((byte) 'F');
        return data;
    }

    // Planted JSON behind the envelope a proxy wrote, so that only the JSON can make it a miss.
    private static byte[] planted(byte[] envelope, String json) {
        byte[] text = json.getBytes(StandardCharsets.UTF_8);
        byte[] data = java.util.Arrays.copyOf(envelope, 9 + text.length);
        System.arraycopy(text, 0, data, 9, text.length);
        return data;
    }

    @Test
    void genericResultsComeBackAsTheDeclaredTypesFromClassFreeJson() {
        List<Order> first = proxy.orders("ann");
        List<Order> second = proxy.orders("ann");
        assertThat(book.calls).hasValue(2);
        assertThat(second).isEqualTo(first).isNotSameAs(first);
        assertThat(second).allSatisfy(order -> assertThat(order).isInstanceOf(Order.class));
        assertThat(content("orders:ann"))
                .isEqualTo("O[{\"id\":\"ann-1\",\"cents\":100,\"lines\":[\"line-a\",\"line-1\"]},"
                        + "{\"id\":\"ann-2\",\"cents\":200,\"lines\":[\"line-a\",\"line-2\"]}]")
                .doesNotContain("io.cashews", "Order");
    }

    @Test
    void asyncMapResultsDecodeIntoTheCompletedType() {
        Map<String, Order> first = proxy.byId("bob").join();
        Map<String, Order> second = proxy.byId("bob").join();
        assertThat(book.calls).hasValue(1);
        assertThat(second).isEqualTo(first);
        assertThat(second.get("bob-1")).isInstanceOf(Order.class);
    }

    @Test
    void earlyEntriesKeepTheirTimestampAndDecodeTheirContent() {
        Order first = proxy.latest("cy");
        assertThat(proxy.latest("cy")).isEqualTo(first).isInstanceOf(Order.class);
        assertThat(book.calls).hasValue(1);
        assertThat(content("early:v2:latest:cy")).startsWith("T").contains("O{\"id\":\"cy-1\"");
    }

    @Test
    void streamElementsDecodeOneByOne() {
        List<Order> first = proxy.stream("dee").toList();
        List<Order> replay = proxy.stream("dee").toList();
        assertThat(book.calls).hasValue(3);
        assertThat(replay).isEqualTo(first).hasSize(3);
        assertThat(replay).allSatisfy(order -> assertThat(order).isInstanceOf(Order.class));
    }

    @Test
    void storedExceptionsAreRethrownFromRedis() {
        assertThatThrownBy(() -> proxy.failing("eve")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> proxy.failing("eve")).isInstanceOf(IllegalStateException.class)
                .hasMessage("no orders for eve");
        assertThat(book.calls).hasValue(1);
    }

    @Test
    void untypedAndTypedFacadeReads() {
        proxy.orders("fay");
        Object untyped = cache.get("orders:fay");
        assertThat(untyped).isInstanceOf(List.class);
        assertThat(((List<?>) untyped).get(0)).isInstanceOf(Map.class);
        List<Order> typed = cache.getAs("orders:fay", ValueType.of(List.class, ValueType.of(Order.class)));
        assertThat(typed).hasSize(2).allSatisfy(order -> assertThat(order).isInstanceOf(Order.class));
        assertThat(cache.getAs("orders:fay", ValueType.of(Order.class))).isNull();
    }

    @Test
    void typeHintsPlantedInTheDataAreIgnoredAndMisfitsAreMisses() {
        proxy.orders("fay");
        byte[] envelope = envelope("orders:fay");
        raw.sync().set("orders:gus", planted(envelope,
                "O[{\"@class\":\"java.lang.ProcessBuilder\",\"command\":[\"touch\",\"/tmp/pwned\"]}]"));
        raw.sync().set("orders:hal", planted(envelope, "O[\"java.lang.ProcessBuilder\",{\"command\":[\"x\"]}]"));
        raw.sync().set("orders:ida", planted(envelope, "O{\"truncated"));
        for (String customer : List.of("gus", "hal", "ida")) {
            assertThat(proxy.orders(customer)).allSatisfy(order -> assertThat(order.id()).startsWith(customer));
        }
        assertThat(book.calls).hasValue(8);
        // The proxy replaced the misfits with its own results.
        assertThat(proxy.orders("gus")).hasSize(2);
        assertThat(book.calls).hasValue(8);
    }

    @Test
    void signedClientSideCopiesAreFreshValuesAndFollowOtherWriters() {
        String options = URL + "?serializer=json&client_side=true&secret=k3y&digestmod=sha256";
        try (Cashews local = new Cashews(); Cashews other = new Cashews()) {
            ClientSideBackend localBackend = (ClientSideBackend) local.setup(options);
            ClientSideBackend otherBackend = (ClientSideBackend) other.setup(options);
            await("tracking on both", () -> localBackend.isTracking() && otherBackend.isTracking());
            OrderBook reader = new OrderBook_Cached(book, local);
            List<Order> first = reader.orders("jo");
            List<Order> again = reader.orders("jo");
            List<Order> third = reader.orders("jo");
            assertThat(book.calls).hasValue(2);
            assertThat(again).isEqualTo(first);
            // Served from the local copy; a list is changeable, so each read decodes its own copy
            // (issue 20, D9: a reader changing its result must not change the next reader's).
            assertThat(localBackend.isLocal("orders:jo")).isTrue();
            assertThat(third).isEqualTo(again).isNotSameAs(again);
            assertThat(stored("cashews:orders:jo")).startsWith("sha256:");

            Book writerBook = new Book();
            writerBook.calls.set(10);
            other.delete("orders:jo");
            List<Order> rewritten = new OrderBook_Cached(writerBook, other).orders("jo");
            await("the invalidation of orders:jo", () -> !localBackend.isLocal("orders:jo"));
            assertThat(reader.orders("jo")).isEqualTo(rewritten).isNotEqualTo(first);
            assertThat(book.calls).hasValue(2);
        }
    }
}
