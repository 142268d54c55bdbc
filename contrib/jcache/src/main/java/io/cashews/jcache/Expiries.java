package io.cashews.jcache;

import javax.cache.expiry.ExpiryPolicy;
import org.jspecify.annotations.Nullable;

/**
 * Asks a cache's {@link ExpiryPolicy} at most once per question during one operation, however
 * often the operation retries its compare-and-set: the TCK counts the calls, and a policy may be
 * stateful. A policy that throws leaves the entry's expiry as it would be without an answer:
 * eternal for a new entry, unchanged otherwise.
 */
final class Expiries {

    private final ExpiryPolicy policy;
    private @Nullable Ttl creation;
    private @Nullable Ttl update;
    private boolean updateAsked;
    private @Nullable Ttl access;
    private boolean accessAsked;

    Expiries(ExpiryPolicy policy) {
        this.policy = policy;
    }

    Ttl creation() {
        if (creation == null) {
            Ttl answer;
            try {
                javax.cache.expiry.Duration duration = policy.getExpiryForCreation();
                answer = duration == null ? Ttl.ETERNAL : Ttl.of(duration);
            } catch (RuntimeException e) {
                answer = Ttl.ETERNAL;
            }
            creation = answer;
        }
        return creation;
    }

    /** The TTL for an updated entry; {@code null}: keep the TTL it has. */
    @Nullable Ttl update() {
        if (!updateAsked) {
            updateAsked = true;
            update = ask(true);
        }
        return update;
    }

    /** The TTL for an entry that was read; {@code null}: keep the TTL it has. */
    @Nullable Ttl access() {
        if (!accessAsked) {
            accessAsked = true;
            access = ask(false);
        }
        return access;
    }

    private @Nullable Ttl ask(boolean forUpdate) {
        try {
            javax.cache.expiry.Duration duration = forUpdate ? policy.getExpiryForUpdate() : policy.getExpiryForAccess();
            return duration == null ? null : Ttl.of(duration);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
