package io.cashews.spring.boot.proxied;

import io.cashews.annotations.Cache;

/** A second cached interface, unrelated to {@link Greetings}. */
public interface Prices {

    @Cache(ttl = "1h", key = "price:{item}")
    int price(String item);
}
