package io.cashews.memory;

import io.cashews.Cashews;
import io.cashews.backend.BackendContract;
import io.cashews.time.ManualClock;

/** Runs the backend contract on {@code mem://?copy=true}: values kept as encoded copies. */
class MemoryCopyContractTest extends BackendContract {

    @Override
    protected Cashews createCache(ManualClock clock) {
        Cashews cache = Cashews.builder().clock(clock).executor(Runnable::run).build();
        cache.setup("mem://?check_interval=0&copy=true");
        return cache;
    }
}
