package io.cashews.spi;

import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Moves work from a backend's I/O thread to an executor in batches: one executor task runs every
 * piece of work queued by the time it starts, instead of one task (and often one thread wake-up)
 * per piece. A remote backend hands over the completion of each reply (and the decoding of its
 * value), so that what callers chained on its futures never runs on the I/O thread.
 *
 * <p>Work starts in the order it was handed over. A piece of work may block (code chained on a
 * future may wait for another cache call): before a drain runs one piece while more wait behind
 * it, it makes sure another drain is scheduled, so that a blocked piece never holds up the ones
 * queued after it, nor those handed over later. So a burst of work costs the executor a few tasks
 * (the first drain, and the spares started while work was waiting), never more than one per piece.
 *
 * <p>When the executor refuses a drain (shut down), the work runs on the thread that handed it
 * over: late beats never. With an executor that runs tasks on the calling thread, the work runs
 * there, in order, without spare drains. A piece that throws is logged and the drain goes on. Thread-safe.
 */
public final class HandOver {

    private static final System.Logger LOG = System.getLogger(HandOver.class.getName());

    // The hand-over the current thread is draining, if any.
    private static final ThreadLocal<HandOver> DRAINING = new ThreadLocal<>();

    private final Executor executor;
    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    // A drain was handed to the executor and has not started yet.
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Runnable drain = this::drain;

    /**
     * Creates a hand-over to an executor.
     *
     * @param executor where the work runs (an instance's executor, see {@link BackendContext#executor()})
     */
    public HandOver(Executor executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /**
     * Queues work to run on the executor, in a drain that may run other work before and after it.
     *
     * @param work what to run; it should not block for long, but it may
     */
    public void submit(Runnable work) {
        queue.offer(Objects.requireNonNull(work, "work"));
        schedule();
    }

    /**
     * Tells whether the current thread is running work of a hand-over to this executor, so that
     * whatever it completes may go on here without a further hop.
     *
     * @param executor the executor
     * @return {@code true} inside a drain of a hand-over to {@code executor}
     */
    public static boolean isDraining(Executor executor) {
        HandOver current = DRAINING.get();
        return current != null && current.executor == executor;
    }

    private void schedule() {
        if (scheduled.get() || !scheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.execute(drain);
        } catch (RuntimeException refused) {
            scheduled.set(false);
            drain();
        }
    }

    private void drain() {
        // Cleared first: work queued from now on either is seen by the loop below or schedules a drain.
        scheduled.set(false);
        HandOver outer = DRAINING.get();
        if (outer == this) {
            // Run inline by the drain of this thread (an executor that runs tasks where they are
            // handed over, or one that refused): that drain's loop takes the work.
            return;
        }
        DRAINING.set(this);
        try {
            Runnable work;
            while ((work = queue.poll()) != null) {
                if (!queue.isEmpty()) {
                    // A spare drain for the rest, in case this piece blocks.
                    schedule();
                }
                try {
                    work.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "work handed over to the executor failed", e);
                }
            }
        } finally {
            if (outer == null) {
                DRAINING.remove();
            } else {
                DRAINING.set(outer);
            }
        }
    }

    @Override
    public String toString() {
        return "HandOver[" + executor + ", " + queue.size() + " queued]";
    }
}
