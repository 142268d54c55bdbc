package io.cashews.spring.boot.proxied;

/** Implements two unrelated cached interfaces: no single proxy can stand in for it. */
public class Shop implements Greetings, Prices {

    @Override
    public String greet(String name) {
        return "welcome " + name;
    }

    @Override
    public int price(String item) {
        return item.length();
    }
}
