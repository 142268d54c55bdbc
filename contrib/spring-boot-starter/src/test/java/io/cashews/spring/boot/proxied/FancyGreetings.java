package io.cashews.spring.boot.proxied;

import io.cashews.annotations.Cache;

/** A cached sub-interface of a cached interface: its proxy implements both. */
public interface FancyGreetings extends Greetings {

    @Cache(ttl = "1h", key = "bow:{name}")
    String bow(String name);
}
