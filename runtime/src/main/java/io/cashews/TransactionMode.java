package io.cashews;

/**
 * How a {@link CacheTransaction} isolates its writes from other transactions. In every mode the
 * writes are buffered privately and reach the backend only on {@link CacheTransaction#commit()};
 * the modes differ in what stops two transactions from overwriting each other's work.
 */
public enum TransactionMode {
    /**
     * Buffering only, no locks: the cheapest mode. Two transactions that read and write the same
     * key can lose an update (both copy the old value, the last commit wins).
     */
    FAST,
    /**
     * The default: a transaction takes a write lock on the backend for each key it writes, at its
     * first write of that key, and holds it until it commits or rolls back. Another transaction
     * writing the same key waits for it (at most its timeout, then {@link LockedException}).
     * Reads never lock.
     */
    LOCKED,
    /**
     * One lock per backend for every transaction that writes to it: transactions that write run
     * one at a time. Reads never lock.
     */
    SERIALIZABLE
}
