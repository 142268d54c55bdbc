package io.cashews.spring.boot;

import io.cashews.Cashews;
import io.cashews.Command;
import io.cashews.spi.Backend;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The {@code cashews} actuator endpoint: what the {@link Cashews} bean is made of, which keys it
 * holds, and deletion of keys. It never shows a value.
 * <ul>
 *   <li>{@code GET /actuator/cashews}: the backends with the prefix each serves, the disabled
 *       commands, the registered tag templates with their key templates.</li>
 *   <li>{@code GET /actuator/cashews/keys?pattern=user:*&limit=50}: up to {@code limit} keys
 *       matching the glob pattern (default {@value #DEFAULT_LIMIT}, at most
 *       {@value #MAX_LIMIT}), each with its remaining TTL in seconds ({@code -1}: none) and the
 *       tags the registry derives for it; {@code truncated} tells that more keys matched. The
 *       pattern is required. The backends stop scanning at the limit
 *       ({@link Cashews#scan(String, int)}), so the listing stays cheap on a large store.</li>
 *   <li>{@code DELETE /actuator/cashews?key=…}, {@code ?pattern=…} or {@code ?tag=…} (exactly
 *       one): deletes that key, the keys matching the pattern, or the keys stored under the tag;
 *       answers how many keys went ({@code -1} for a tag: not counted).</li>
 * </ul>
 * A request missing its parameter, giving two, or with a limit below 1 is answered
 * {@code 400 Bad Request} with the reason. Like every actuator endpoint it is exposed over HTTP
 * only when listed in {@code management.endpoints.web.exposure.include}; secure it as you would
 * any write access to the cache.
 */
@Endpoint(id = "cashews")
public class CashewsEndpoint {

    /** The number of keys listed when the request gives no {@code limit}. */
    public static final int DEFAULT_LIMIT = 100;
    /** The most keys one request lists, whatever its {@code limit}. */
    public static final int MAX_LIMIT = 1000;

    private final Cashews cache;

    /**
     * Creates the endpoint.
     *
     * @param cache the instance it describes
     */
    public CashewsEndpoint(Cashews cache) {
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    /**
     * What the instance is made of.
     *
     * @return backends, disabled commands and registered tags
     */
    @ReadOperation
    public Description describe() {
        List<BackendDescription> backends = new ArrayList<>();
        for (Map.Entry<String, Backend> entry : cache.backends().entrySet()) {
            backends.add(new BackendDescription(entry.getKey(), entry.getValue().toString()));
        }
        List<String> disabled = Arrays.stream(Command.values()).filter(c -> !cache.isEnabled(c)).map(Command::name).toList();
        return new Description(backends, disabled, cache.registeredTags());
    }

    /**
     * The keys matching a pattern, bounded; {@code GET /actuator/cashews/keys?pattern=…&limit=…}.
     *
     * @param selector {@code keys}, the only sub-path
     * @param pattern the glob pattern (required)
     * @param limit how many keys at most; {@value #DEFAULT_LIMIT} when not given, capped at
     *     {@value #MAX_LIMIT}
     * @return the keys with TTL and tags, never values
     * @throws InvalidEndpointRequestException (400) for another sub-path, a missing or malformed
     *     pattern, or a limit below 1
     */
    @ReadOperation
    public Keys keys(@Selector String selector, @org.springframework.lang.Nullable String pattern,
            @org.springframework.lang.Nullable Integer limit) {
        if (!selector.equals("keys")) {
            throw new InvalidEndpointRequestException("unknown path '" + selector + "'; the endpoint has /keys only",
                    "unknown path");
        }
        if (pattern == null || pattern.isEmpty()) {
            throw new InvalidEndpointRequestException("the query parameter 'pattern' is required, such as pattern=user:*",
                    "missing pattern");
        }
        if (limit != null && limit < 1) {
            throw new InvalidEndpointRequestException("limit must be at least 1, not " + limit, "bad limit");
        }
        int max = limit == null ? DEFAULT_LIMIT : Math.min(limit, MAX_LIMIT);
        List<String> found;
        try (Stream<String> keys = cache.scan(pattern, max + 1)) {
            found = keys.toList();
        } catch (IllegalArgumentException e) {
            throw new InvalidEndpointRequestException("bad pattern \"" + pattern + "\": " + e.getMessage(), "bad pattern");
        }
        boolean truncated = found.size() > max;
        List<KeyDescription> listed = new ArrayList<>();
        for (String key : truncated ? found.subList(0, max) : found) {
            listed.add(new KeyDescription(key, cache.getExpire(key), cache.getKeyTags(key)));
        }
        return new Keys(pattern, max, truncated, listed);
    }

    /**
     * Deletes by key, by pattern or by tag; {@code DELETE /actuator/cashews?key=…} (or
     * {@code pattern=…}, {@code tag=…}).
     *
     * @param key one key
     * @param pattern a glob pattern
     * @param tag a tag
     * @return what was deleted and how many keys
     * @throws InvalidEndpointRequestException (400) unless exactly one parameter is given, or for
     *     a malformed pattern
     */
    @DeleteOperation
    public Deleted delete(@org.springframework.lang.Nullable String key, @org.springframework.lang.Nullable String pattern,
            @org.springframework.lang.Nullable String tag) {
        int given = (key != null ? 1 : 0) + (pattern != null ? 1 : 0) + (tag != null ? 1 : 0);
        if (given != 1) {
            throw new InvalidEndpointRequestException("give exactly one of the query parameters key, pattern or tag"
                    + (given == 0 ? "" : "; " + given + " were given"), "one of key, pattern, tag");
        }
        if (key != null) {
            return new Deleted("key", key, cache.delete(key) ? 1 : 0);
        }
        if (pattern != null) {
            if (pattern.isEmpty()) {
                throw new InvalidEndpointRequestException("the pattern must not be empty", "empty pattern");
            }
            try {
                return new Deleted("pattern", pattern, cache.deleteMatch(pattern));
            } catch (IllegalArgumentException e) {
                throw new InvalidEndpointRequestException("bad pattern \"" + pattern + "\": " + e.getMessage(), "bad pattern");
            }
        }
        // Not counted: reading a huge tag's members would load them all at once.
        cache.deleteTags(tag);
        return new Deleted("tag", tag, -1);
    }

    /**
     * What the instance is made of.
     *
     * @param backends the backends, longest prefix first
     * @param disabledCommands the commands disabled instance-wide
     * @param tags tag templates with the key templates they are registered for
     */
    public record Description(List<BackendDescription> backends, List<String> disabledCommands, Map<String, List<String>> tags) {
    }

    /**
     * One backend.
     *
     * @param prefix the key prefix it serves; {@code ""} for the default backend
     * @param backend what it is ({@code toString()}: no password)
     */
    public record BackendDescription(String prefix, String backend) {
    }

    /**
     * The answer of a key listing.
     *
     * @param pattern the pattern
     * @param limit the limit applied
     * @param truncated whether more keys matched than are listed
     * @param keys the keys, in the backends' order
     */
    public record Keys(String pattern, int limit, boolean truncated, List<KeyDescription> keys) {
    }

    /**
     * One key, without its value.
     *
     * @param key the key
     * @param ttl seconds left; {@code -1} without expiry, {@code -2} when it went meanwhile
     * @param tags the tags the registry derives for the key
     */
    public record KeyDescription(String key, long ttl, List<String> tags) {
    }

    /**
     * The answer of a deletion.
     *
     * @param by {@code key}, {@code pattern} or {@code tag}
     * @param value the key, pattern or tag
     * @param deleted how many keys went; {@code -1} for a tag (not counted: a tag may hold very
     *     many keys, which deleteTags reads in batches)
     */
    public record Deleted(String by, String value, long deleted) {
    }
}
