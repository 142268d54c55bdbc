package io.cashews.benchmarks;

import io.cashews.annotations.Cache;

/** The service of {@link DiskBenchmark}'s proxy hit; the processor writes {@code Pages_Cached}. */
public interface Pages {

    /** A page of {@value DiskBenchmark#VALUE_LENGTH} characters by number. */
    @Cache(ttl = "1h", key = "page:{id}")
    String page(int id);
}
