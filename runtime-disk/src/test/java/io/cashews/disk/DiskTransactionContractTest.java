package io.cashews.disk;

import io.cashews.Cashews;
import io.cashews.backend.TransactionContract;
import io.cashews.time.ManualClock;

/** The transaction contract on {@code disk://} with four shards, in a private temporary directory. */
class DiskTransactionContractTest extends TransactionContract {

    @Override
    protected Cashews createCache(ManualClock clock) {
        Cashews cashews = Cashews.builder().clock(clock).build();
        cashews.setup("disk://?shards=4&suppress=false");
        return cashews;
    }
}
