package io.cashews.servlet;

import io.cashews.Cashews;
import io.cashews.time.ManualClock;
import java.time.Duration;

/** The filters on {@code mem://}, with time from a manual clock. */
class MemFiltersTest extends FiltersContract {

    private final ManualClock clock = new ManualClock();

    @Override
    Cashews newCache() {
        Cashews cache = Cashews.builder().clock(clock).build();
        cache.setup("mem://");
        return cache;
    }

    @Override
    void expireNow(String key) {
        clock.advance(Duration.ofMinutes(11));
    }
}
