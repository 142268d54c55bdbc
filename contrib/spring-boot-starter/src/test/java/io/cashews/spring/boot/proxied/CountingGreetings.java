package io.cashews.spring.boot.proxied;

import java.util.concurrent.atomic.AtomicInteger;

/** The implementation: counts how often it really runs. */
public class CountingGreetings implements Greetings {

    private final AtomicInteger calls = new AtomicInteger();

    @Override
    public String greet(String name) {
        calls.incrementAndGet();
        return "hello " + name;
    }

    public int calls() {
        return calls.get();
    }
}
