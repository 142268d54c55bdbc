package io.cashews.codec;

import org.jspecify.annotations.Nullable;

/**
 * For strategies: a stored result together with the wall-clock time (epoch milliseconds) it turns
 * stale ({@code @Early}) or soft ({@code @Soft}). The time is stored with the value so that every
 * process sharing the backend sees the same deadline. Codecs store it as the time followed by
 * the content's own stored form, so the content decodes into the reader's declared type.
 *
 * @param atMillis when the value turns stale or soft, epoch milliseconds
 * @param value the result, or a {@link CachedException}
 */
public record Stamped(long atMillis, @Nullable Object value) {
}
