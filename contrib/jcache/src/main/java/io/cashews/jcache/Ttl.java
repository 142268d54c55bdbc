package io.cashews.jcache;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What an {@link javax.cache.expiry.ExpiryPolicy} answered, as the backend's TTL: {@code eternal}
 * (no TTL), {@code expired} (zero: the entry is not kept) or a positive duration. "Unchanged", the
 * {@code null} that access and update may answer, is a {@code null} {@code Ttl}.
 *
 * @param duration the backend TTL, {@code null} for none; {@link Duration#ZERO} for expired
 */
record Ttl(@Nullable Duration duration) {

    static final Ttl ETERNAL = new Ttl(null);
    static final Ttl EXPIRED = new Ttl(Duration.ZERO);

    static Ttl of(javax.cache.expiry.Duration duration) {
        if (duration.isEternal()) {
            return ETERNAL;
        }
        if (duration.isZero()) {
            return EXPIRED;
        }
        return new Ttl(Duration.of(duration.getDurationAmount(), duration.getTimeUnit().toChronoUnit()));
    }

    boolean expired() {
        return duration != null && (duration.isZero() || duration.isNegative());
    }
}
