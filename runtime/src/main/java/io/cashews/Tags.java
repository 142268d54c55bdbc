package io.cashews;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The tag commands of one {@link Cashews} instance for both facades: the {@link TagRegistry}, a
 * tagged write, {@code deleteTags} and the untagging of deleted keys. A tag's keys are a set at
 * {@code "_tag:" + tag}, read and written through the facade's own set commands.
 */
final class Tags {

    // deleteTags pops a tag's members in batches of this size.
    private static final int BATCH = 100;

    // Tag templates registered against key templates (registerTag, and every tagged proxy).
    final TagRegistry registry = new TagRegistry();
    // Deletes the keys of a tag, and the tag's set, as the facade's delete commands do.
    private final CommandCore core;

    Tags(CommandCore core) {
        this.core = core;
    }

    boolean isEmpty() {
        return registry.isEmpty();
    }

    void requireRegistered(String key, String... tags) {
        for (String tag : tags) {
            Objects.requireNonNull(tag, "tag");
            if (!registry.allows(key, tag)) {
                throw new TagNotRegisteredException("tag '" + tag + "' is not registered for key '" + key
                        + "'; call registerTag(tagTemplate, keyTemplate) first (registered: " + registry.describe() + ")");
            }
        }
    }

    // Stores the value, then adds the key to each tag's set with the value's TTL (none: the set
    // stops expiring). Nothing is written when a tag is not registered or the write is disabled.
    Step<Boolean> set(Flow flow, String key, @Nullable Object value, @Nullable Duration ttl, String... tags) {
        if (tags.length == 0) {
            return flow.set(key, value, ttl);
        }
        requireRegistered(key, tags);
        return flow.set(key, value, ttl).then(stored -> {
            if (!stored) {
                return Step.now(false);
            }
            List<Step<Boolean>> writes = new ArrayList<>(tags.length);
            for (String tag : tags) {
                String setKey = Cashews.TAG_PREFIX + tag;
                Step<Long> added = flow.setAdd(setKey, ttl, key);
                writes.add(ttl == null ? added.then(n -> flow.expire(setKey, null)) : added.map(n -> true));
            }
            return Step.all(writes).map(done -> true);
        });
    }

    // One tag after the other: pop a batch of its keys, delete them, until the set is drained, then the set.
    Step<@Nullable Void> deleteTags(Flow flow, String... tags) {
        Step<@Nullable Void> chain = Step.nothing();
        for (String tag : tags) {
            String setKey = Cashews.TAG_PREFIX + Objects.requireNonNull(tag, "tag");
            chain = chain.then(done -> drain(flow, setKey)).then(done -> core.delete(flow, setKey)).map(done -> null);
        }
        return chain;
    }

    private Step<@Nullable Void> drain(Flow flow, String setKey) {
        return Step.repeat(() -> flow.setPop(setKey, BATCH).then(members -> {
            Step<Long> deleted = members.isEmpty() ? Step.now(0L) : core.deleteMany(flow, members.toArray(new String[0]));
            return deleted.map(n -> members.size() >= BATCH);
        }));
    }

    // Removes deleted keys from the tag sets the registry derives for them. A tag rendered from
    // values the key does not contain is not found; its set keeps a stale member, which costs
    // nothing but a no-op delete when the tag is deleted.
    Step<@Nullable Void> untag(Flow flow, List<String> keys) {
        Map<String, List<String>> byTag = new LinkedHashMap<>();
        for (String key : keys) {
            if (key.startsWith(Cashews.TAG_PREFIX)) {
                continue;
            }
            for (String tag : registry.tagsOf(key)) {
                byTag.computeIfAbsent(Cashews.TAG_PREFIX + tag, t -> new ArrayList<>()).add(key);
            }
        }
        List<Step<Long>> removals = new ArrayList<>();
        byTag.forEach((setKey, members) -> removals.add(flow.setRemove(setKey, members.toArray(new String[0]))));
        return Step.all(removals).map(done -> null);
    }
}
