package io.cashews.servlet;

import io.cashews.TtlFunction;
import java.time.Duration;

/** A TTL function as a user writes one: an hour, or the request's max-age when shorter. */
public final class ClientTtl implements TtlFunction {

    @Override
    public Duration ttl(Object[] args, Object result) {
        return CacheControlTtl.cap(Duration.ofHours(1));
    }
}
