package io.cashews.redis;

import io.cashews.annotations.Cache;
import io.cashews.annotations.Early;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * A service whose results are generic and application-defined: what {@code serializer=json} must
 * decode into the declared types through generated proxies ({@link OrderBook_Cached}).
 */
public interface OrderBook {

    /** A plain data record; Jackson builds it from its components. */
    record Order(String id, long cents, List<String> lines) {
    }

    @Cache(ttl = "1h", key = "orders:{customer}")
    List<Order> orders(String customer);

    @Cache(ttl = "1h", key = "by-id:{customer}")
    CompletableFuture<Map<String, Order>> byId(String customer);

    @Early(ttl = "1h", key = "latest:{customer}")
    Order latest(String customer);

    @Cache(ttl = "1h", key = "stream:{customer}")
    Stream<Order> stream(String customer);

    @Cache(ttl = "1h", key = "failing:{customer}", withExceptions = IllegalStateException.class)
    Order failing(String customer);
}
