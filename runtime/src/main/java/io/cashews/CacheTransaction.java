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
 *
 * <p>Locks ({@code LOCKED}: one per written key, {@code SERIALIZABLE}: one for the backend) expire
 * after the transaction's timeout unless extended, so that a crashed process cannot hold them for
 * ever; every write, every wait for another lock and the commit extend those that are half over.
 * A transaction that stays idle longer than its timeout may lose a lock to another transaction:
 * its next write and its commit then fail with {@link LockedException}, and nothing of it is
 * applied. A write whose lock wait fails ({@link LockedException}) gives all of the transaction's
 * locks up at once: in a deadlock (two transactions writing keys in opposite orders) the first
 * wait to time out fails and the other transaction goes on. Waits end a little before the timeout,
 * by a random part of at most a tenth of it (and at most 50 ms), so that two transactions that
 * began to wait for each other together seldom time out together. After such a failure the
 * transaction can only roll back: further writes and {@code commit()} fail with
 * {@link LockedException}.
 */
public interface CacheTransaction extends Scope {

    /**
     * Applies the buffered writes to the backends, in order, and releases the transaction's locks.
     * The transaction stays open: later writes are buffered again until the next commit or
     * {@link #close()}. On a joined (inner) handle this does nothing.
     *
     * <p>Every lock is checked before the first write. A commit is not atomic across keys: on a
     * remote backend each key is its own command, so a connection lost midway leaves the keys
     * written before it. Such a commit always fails, with {@code suppress=true} too (the writes
     * were asked for as a whole), and its locks are released where the backend can still be
     * reached; the others expire with the timeout.
     *
     * @throws IllegalStateException if the transaction is closed
     * @throws LockedException if the transaction lost one of its locks; nothing was written
     * @throws CacheBackendInteractionException if a write failed (with {@code suppress=true} too);
     *     a failure to release a lock afterwards is suppressed on it
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
