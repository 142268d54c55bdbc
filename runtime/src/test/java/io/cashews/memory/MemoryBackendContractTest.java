package io.cashews.memory;

import io.cashews.Cashews;
import io.cashews.backend.BackendContract;
import io.cashews.time.ManualClock;

/** Runs the backend contract on {@code mem://}. */
class MemoryBackendContractTest extends BackendContract {

    @Override
    protected Cashews createCache(ManualClock clock) {
        Cashews cache = Cashews.builder().clock(clock).executor(Runnable::run).build();
        cache.setup("mem://?size=1000&check_interval=0");
        return cache;
    }
}
