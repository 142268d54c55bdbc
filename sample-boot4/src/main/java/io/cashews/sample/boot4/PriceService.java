package io.cashews.sample.boot4;

import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;

/** Prices, cached by Spring's {@code @Cacheable} on the Cashews cache manager. */
@Service
public class PriceService {

    private final AtomicInteger calls = new AtomicInteger();

    /**
     * The price of an item.
     *
     * @param item the item
     * @return its price
     */
    @Cacheable("prices")
    public String price(String item) {
        calls.incrementAndGet();
        return "10 EUR for " + item;
    }

    /**
     * How often a price was computed.
     *
     * @return the number of computations
     */
    public int calls() {
        return calls.get();
    }
}
