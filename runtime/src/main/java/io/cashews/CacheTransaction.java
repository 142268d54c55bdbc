package io.cashews;

/**
 * A cache transaction opened by {@link Cashews#transaction(TransactionMode, java.time.Duration)}:
 * until it ends, the buffered commands ({@code set}, {@code setMany}, {@code delete},
 * {@code deleteMany}, {@code deleteMatch}, {@code incr}, {@code expire}) issued on the thread that
 * opened it are kept private to it, and the reads on that thread see them.
 *
 * <pre>{@code
 * try (CacheTransaction tx = cache.transaction(TransactionMode.LOCKED, Duration.ofSeconds(5))) {
 *     cache.incr("orders:count");
 *     cache.set("orders:last", order, Duration.ofHours(1));
 *     tx.commit();
 * } // closing without commit() rolls back
 * }</pre>
 *
 * <p>Other commands (raw values, bits, sliding windows, locks, additions to tag sets,
 * {@code clear}) go straight to the backend and are not rolled back; a key's removal from its tag
 * sets waits for the commit of its deletion. Opening a transaction while one is open on the thread
 * joins it: the inner handle's {@code commit()} and {@code close()} do nothing and the outermost
 * one decides.
 */
public interface CacheTransaction extends Scope {

    /**
     * Applies the buffered writes to the backends, in order, and releases the transaction's locks.
     * The transaction stays open: later writes are buffered again until the next commit or
     * {@link #close()}. On a joined (inner) handle this does nothing.
     *
     * @throws IllegalStateException if the transaction is closed
     */
    void commit();

    /**
     * Discards the buffered writes and releases the transaction's locks; the transaction stays
     * open. On a joined (inner) handle it discards the shared transaction's writes too.
     */
    void rollback();

    /**
     * Ends the transaction, rolling back what was not committed, and detaches it from its thread.
     * Closing twice has no further effect; on a joined (inner) handle it does nothing.
     */
    @Override
    void close();
}
