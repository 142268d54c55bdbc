package io.cashews.spring;

import io.cashews.Cashews;

/** The contract on {@code mem://}. */
class MemSpringCacheTest extends SpringCacheContract {

    @Override
    Cashews newCashews() {
        return Cashews.create("mem://");
    }
}
