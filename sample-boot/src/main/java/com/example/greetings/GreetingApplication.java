package com.example.greetings;

import io.cashews.annotations.Cache;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A complete Boot application on Cashews: README's "Spring Boot" section shows this file. */
@SpringBootApplication
public class GreetingApplication {

    public static void main(String[] args) {
        SpringApplication.run(GreetingApplication.class, args);
    }

    // The uncached service; the starter replaces this bean by Greetings_Cached around it.
    @Bean
    Greetings greetings() {
        return new SlowGreetings();
    }
}

interface Greetings {
    @Cache(ttl = "10m", key = "greeting:{name}")
    String greet(String name);
}

class SlowGreetings implements Greetings {
    private final AtomicInteger calls = new AtomicInteger();

    @Override
    public String greet(String name) {
        return "Hello, " + name + " (computed " + calls.incrementAndGet() + " time(s))";
    }
}

@RestController
class GreetingController {
    private final Greetings greetings;

    GreetingController(Greetings greetings) {
        this.greetings = greetings;
    }

    @GetMapping("/greet/{name}")
    String greet(@PathVariable("name") String name) {
        return greetings.greet(name);
    }
}
