package io.cashews.spring.boot.proxied;

import io.cashews.annotations.Cache;

/** A cached interface of the tests: the processor writes {@code Greetings_Cached}. */
public interface Greetings {

    @Cache(ttl = "1h", key = "greet:{name}")
    String greet(String name);
}
