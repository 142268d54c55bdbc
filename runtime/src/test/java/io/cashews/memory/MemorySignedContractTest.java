package io.cashews.memory;

import io.cashews.Cashews;
import io.cashews.backend.BackendContract;
import io.cashews.time.ManualClock;

/** Runs the backend contract on {@code mem://} with a {@code secret}: values kept signed. */
class MemorySignedContractTest extends BackendContract {

    @Override
    protected Cashews createCache(ManualClock clock) {
        Cashews cache = Cashews.builder().clock(clock).executor(Runnable::run).build();
        cache.setup("mem://?check_interval=0&secret=s3cret&digestmod=sha256&compress_type=gzip&compress_min_size=16");
        return cache;
    }
}
