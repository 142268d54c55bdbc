package io.cashews;

import org.jspecify.annotations.Nullable;

/**
 * Told about commands that ran, while a {@link Cashews#callback(CacheCallback, Command...)}
 * scope is open:
 * <pre>{@code
 * try (Scope scope = cache.callback((command, key, result) -> log.info(command + " " + key), Command.SET)) {
 *     service.find(1);   // a miss that stores logs "SET user:1"
 * }
 * }</pre>
 * A callback runs after a command with a key or a pattern that was not disabled and whose
 * backend answered something: a miss ({@code null} from the backend) is not reported. It runs on
 * the thread that completed the command, which for asynchronous commands may be another one;
 * it must be quick and must not throw (what it throws is logged and dropped).
 */
@FunctionalInterface
public interface CacheCallback {

    /**
     * Reports one command.
     *
     * @param command the command
     * @param key the key, or the glob pattern of {@code GET_MATCH}, {@code DELETE_MATCH} and
     *     {@code SCAN}
     * @param result what the backend answered; a stored {@code null} is passed as {@code null}
     */
    void done(Command command, String key, @Nullable Object result);
}
