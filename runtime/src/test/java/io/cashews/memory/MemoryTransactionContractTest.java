package io.cashews.memory;

import io.cashews.Cashews;
import io.cashews.backend.TransactionContract;
import io.cashews.time.ManualClock;

/** The transaction contract on {@code mem://}. */
class MemoryTransactionContractTest extends TransactionContract {

    @Override
    protected Cashews createCache(ManualClock clock) {
        Cashews cashews = Cashews.builder().clock(clock).build();
        cashews.setup("mem://");
        return cashews;
    }
}
