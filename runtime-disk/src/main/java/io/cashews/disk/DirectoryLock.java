package io.cashews.disk;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The exclusive lock on {@code cashews-disk.lock} under which shards are created, checked and
 * recovered. Other processes are kept out by the file lock; other instances in this JVM, which a
 * file lock does not exclude (it belongs to the process), by a lock per directory.
 */
final class DirectoryLock {

    static final String FILE_NAME = "cashews-disk.lock";

    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    /** Work done while holding the lock. */
    @FunctionalInterface
    interface Locked<T> {
        T run() throws Exception;
    }

    private DirectoryLock() {
    }

    /**
     * Runs {@code work} holding the directory's lock.
     *
     * @param directory the cache directory (real path)
     * @param work what to do
     * @return what {@code work} returned
     * @throws IOException if the lock file cannot be created or locked
     * @throws Exception whatever {@code work} throws
     */
    @SuppressWarnings("try") // the lock is held for its effect
    static <T> T holding(Path directory, Locked<T> work) throws Exception {
        ReentrantLock local = IN_PROCESS.computeIfAbsent(directory, d -> new ReentrantLock());
        local.lock();
        try (FileChannel channel = FileChannel.open(directory.resolve(FILE_NAME), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            return work.run();
        } finally {
            local.unlock();
        }
    }
}
