package io.cashews.disk;

import io.cashews.annotations.Bloom;
import io.cashews.annotations.BloomAdd;
import io.cashews.annotations.Cache;
import io.cashews.annotations.Invalidate;
import io.cashews.annotations.SliceRateLimit;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A proxied service for {@link DiskProxiesTest}; its proxy comes from the processor. */
public interface Reports {

    /** A serialized value. */
    record Report(String id, List<Integer> figures) implements java.io.Serializable {
    }

    @Cache(ttl = "1h", key = "report:{id}")
    Report report(String id);

    @Cache(ttl = "1h", key = "report-async:{id}")
    CompletableFuture<Report> reportAsync(String id);

    @Cache(ttl = "1h", key = "locked:{id}", lock = true, protect = false)
    String locked(String id);

    @SliceRateLimit(limit = 3, period = "1m")
    String limited(String id);

    @Bloom(name = "known", capacity = 1000)
    boolean known(String id);

    @BloomAdd(name = "known")
    boolean remember(String id);

    @Invalidate("report:{id}")
    default void drop(String id) {
    }
}
