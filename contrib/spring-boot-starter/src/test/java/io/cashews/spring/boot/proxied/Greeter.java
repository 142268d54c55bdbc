package io.cashews.spring.boot.proxied;

/** A consumer that gets {@link Greetings} through its constructor. */
public class Greeter {

    private final Greetings greetings;

    public Greeter(Greetings greetings) {
        this.greetings = greetings;
    }

    public Greetings greetings() {
        return greetings;
    }

    public String welcome(String name) {
        return greetings.greet(name) + "!";
    }
}
