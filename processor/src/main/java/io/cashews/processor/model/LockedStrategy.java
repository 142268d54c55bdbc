package io.cashews.processor.model;

/**
 * A validated {@code @Locked}: a guard that stores nothing but lets one call at a time run.
 *
 * @param template the key template with its prefix, for diagnostics
 * @param key the lock's key
 * @param ttlMillis the lock's TTL
 * @param waitForLock whether a call waits for the lock instead of failing
 * @param checkIntervalMillis the pause between attempts, {@code 0} for the growing default
 */
public record LockedStrategy(String template, KeyPlan key, long ttlMillis, boolean waitForLock,
        long checkIntervalMillis) implements Strategy {

    @Override
    public boolean needsArguments() {
        return false;
    }
}
