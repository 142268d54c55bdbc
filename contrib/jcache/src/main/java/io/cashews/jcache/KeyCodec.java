package io.cashews.jcache;

import io.cashews.base.KeyText;
import io.cashews.codec.ValueCodec;
import io.cashews.spi.Glob;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * Turns a JCache key into a backend key {@code <cache>:<encoded key>} and back, so that
 * {@code iterator()}, {@code removeAll()} and a second manager on the same store see typed keys.
 * The cache name is escaped as the runtime escapes key values ({@link KeyText#escape}), so that no
 * name widens the glob of another cache. The key's form starts with a letter for its kind:
 * {@code s} + the escaped text of a {@code String}, {@code l} + a {@code Long}'s decimal text,
 * {@code i} + an {@code Integer}'s, and {@code j} + URL-safe Base64 of the JDK serialization of any
 * other key (the runtime's JDK serialization, with the allow-list of the manager's URL and the same bounds as values). Two equal
 * keys of those kinds encode alike; another class must serialize equal instances alike, as the
 * JCache contract already asks of keys stored by value.
 */
final class KeyCodec {

    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder UNBASE64 = Base64.getUrlDecoder();

    private final String prefix;
    private final Glob all;
    private final ValueCodec serialized;

    /**
     * @param cacheName the cache
     * @param serialized the JDK serialization of keys of other classes: the manager URL's
     *     {@code serializer_allow} says which classes it reads back
     */
    KeyCodec(String cacheName, ValueCodec serialized) {
        this.serialized = serialized;
        this.prefix = KeyText.escape(cacheName) + ":";
        this.all = Glob.compile(KeyText.glob(prefix) + "*");
    }

    /** The glob of every key of this cache, and of nothing else. */
    Glob all() {
        return all;
    }

    String encode(Object key) {
        if (key instanceof String text) {
            return prefix + "s" + KeyText.escape(text);
        }
        if (key instanceof Long number) {
            return prefix + "l" + number;
        }
        if (key instanceof Integer number) {
            return prefix + "i" + number;
        }
        return prefix + "j" + BASE64.encodeToString(serialized.encode(prefix, key));
    }

    /**
     * Reads a key back.
     *
     * @param stored a backend key of this cache
     * @return the key, or {@code null} for a backend key that is not one of this cache's (another
     *     writer's key that matched the glob) or whose class cannot be read here
     */
    @Nullable Object decode(String stored) {
        if (!stored.startsWith(prefix) || stored.length() <= prefix.length()) {
            return null;
        }
        String form = stored.substring(prefix.length() + 1);
        try {
            return switch (stored.charAt(prefix.length())) {
                case 's' -> KeyText.unescape(form);
                case 'l' -> Long.valueOf(form);
                case 'i' -> Integer.valueOf(form);
                case 'j' -> serialized.decode(prefix, UNBASE64.decode(form));
                default -> null;
            };
        } catch (IllegalArgumentException e) {
            // not a number, not Base64: nothing this codec wrote
            return null;
        }
    }
}
