package io.cashews;

import io.cashews.base.ThreadScopes;
import io.cashews.codec.Fingerprinted;
import io.cashews.codec.ValueType;
import io.cashews.spi.BitArray;
import io.cashews.spi.Glob;
import io.cashews.spi.NullValue;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Every command of one {@link Cashews} instance, written once for both facades. A command on one
 * key is a prepare step here (validation, the command switch, routing) that answers the
 * {@link Route} to call or {@code null} when the command answers at once, a backend call in the
 * facade, and a finish step here ({@link #read}, {@link #unwrap}); the facades differ only in
 * the backend method and how the answer is delivered. A command of several calls (grouping keys
 * by backend, untagging, invalidating) is written here once over a {@link Flow}, which makes the
 * calls blocking or asynchronous.
 */
final class CommandCore {

    // What getExpire answers for a missing key, and when it answers without asking a backend.
    static final long NO_KEY = -2L;
    // Returned by the internal read path for a miss, so a stored null stays distinguishable.
    static final Object ABSENT = new Object();
    // invalidateFurther() scopes, holding the instance they belong to; carried by proxied async calls too.
    static final ThreadScopes.Kind<Cashews> INVALIDATING = new ThreadScopes.Kind<>("invalidateFurther");

    private final Cashews owner;
    final Router router;
    final CommandSwitches switches;
    final Tags tags;

    CommandCore(Cashews owner, Router router, CommandSwitches switches) {
        this.owner = owner;
        this.router = router;
        this.switches = switches;
        this.tags = new Tags(this);
    }

    // ---------------------------------------------------------------- values and TTLs

    static Object wrap(@Nullable Object value) {
        return value == null ? NullValue.INSTANCE : value;
    }

    // A stored value as an untyped read returns it: JSON decoded into maps, lists and scalars.
    @SuppressWarnings("unchecked")
    static <T> @Nullable T unwrap(@Nullable Object stored) {
        return stored == null ? null : (T) typed(stored, ValueType.ANY, null);
    }

    // What a read returns for what the backend answered: the default for a miss, null for a
    // stored null (the default for a primitive type, which has no null), the default when the
    // value is not of the type (or, with JSON, does not decode into it).
    // From a backend that encodes values (Route.encodes), the fingerprint is checked first: a
    // value whose envelope is missing or differs from the type's is a miss (ValueType.unseal).
    static @Nullable Object read(@Nullable Object stored, ValueType<?> type, @Nullable Object defaultValue,
            boolean encodes) {
        if (stored == null) {
            return defaultValue;
        }
        if (encodes) {
            Object content = type.unseal(stored);
            return content == null ? defaultValue : typed(content, type, defaultValue);
        }
        return typed(stored, type, defaultValue);
    }

    private static @Nullable Object typed(Object stored, ValueType<?> type, @Nullable Object defaultValue) {
        if (stored == NullValue.INSTANCE) {
            return type.isPrimitive() ? defaultValue : null;
        }
        Object value = type.read(stored);
        if (value == null && stored instanceof Fingerprinted) {
            // Only on a miss: a fingerprinted null (a transaction's buffer) or a fingerprint that differs.
            Object content = type.unseal(stored);
            return content == null ? defaultValue : typed(content, type, defaultValue);
        }
        return value == null ? defaultValue : value;
    }

    static @Nullable Duration writeTtl(@Nullable Duration ttl) {
        if (ttl != null && (ttl.isZero() || ttl.isNegative())) {
            throw new IllegalArgumentException("ttl must be positive, got " + ttl
                    + "; use null for no expiry or delete the key instead");
        }
        return ttl;
    }

    // ---------------------------------------------------------------- prepare steps

    // The route a command on one key calls, or null when it answers at once: switched off, or the
    // backend set up disabled (a chained backend answers that itself, after the middlewares).
    @Nullable Route target(Command command, String key) {
        if (switches.off(command)) {
            return null;
        }
        Route r = router.route(key);
        return r.disabled ? null : r;
    }

    // Whether a read deletes what it would have returned: inside an invalidateFurther() scope of
    // this instance, unless the read is switched off (it then answers its default and deletes nothing).
    boolean invalidates(Command read) {
        return INVALIDATING.isLive() && invalidatingHere() && !switches.off(read);
    }

    private boolean invalidatingHere() {
        return ThreadScopes.first(INVALIDATING, CommandCore::same, owner) != null;
    }

    private static boolean same(Cashews a, Cashews b) {
        return a == b;
    }

    // What a read of one key answers inside an invalidateFurther() scope: the key deleted, then the default.
    <T extends @Nullable Object> Step<T> invalidate(Flow flow, String key, T answer) {
        return delete(flow, key).map(deleted -> answer);
    }

    @Nullable Route set(String key, @Nullable Duration ttl, Exist exist) {
        Objects.requireNonNull(exist, "exist");
        writeTtl(ttl);
        return target(Command.SET, key);
    }

    // Validates an incr; true when it deletes the counter instead (see invalidates).
    boolean incrInvalidates(@Nullable Duration ttl) {
        writeTtl(ttl);
        return invalidates(Command.INCR);
    }

    @Nullable Route sliceIncr(String key, Duration ttl) {
        writeTtl(Objects.requireNonNull(ttl, "ttl"));
        return target(Command.SLICE_INCR, key);
    }

    // GET_BITS and INCR_BITS; they answer Cashews.NO_BITS at once.
    @Nullable Route bits(Command command, String key, int size, long... indexes) {
        BitArray.check(size, indexes);
        return target(command, key);
    }

    @Nullable Route setAdd(String key, @Nullable Duration ttl, String... members) {
        writeTtl(ttl);
        return members.length == 0 ? null : target(Command.SET_ADD, key);
    }

    @Nullable Route setRemove(String key, String... members) {
        return members.length == 0 ? null : target(Command.SET_REMOVE, key);
    }

    @Nullable Route setPop(String key, int count) {
        if (count <= 0) {
            throw new IllegalArgumentException("setPop count must be positive, got " + count);
        }
        return target(Command.SET_POP, key);
    }

    // ---------------------------------------------------------------- commands of several calls

    Step<Boolean> delete(Flow flow, String key) {
        Route r = target(Command.DELETE, key);
        if (r == null) {
            return Step.now(false);
        }
        Step<Boolean> deleted = flow.delete(r.backend, key);
        return tags.isEmpty() ? deleted : deleted.then(was -> tags.untag(flow, List.of(key)).map(done -> was));
    }

    Step<@Nullable Void> setMany(Flow flow, Map<String, ?> pairs, @Nullable Duration ttl) {
        writeTtl(ttl);
        if (switches.off(Command.SET_MANY) || pairs.isEmpty()) {
            return Step.nothing();
        }
        Map<Route, Map<String, Object>> groups = new IdentityHashMap<>();
        pairs.forEach((key, value) -> groups.computeIfAbsent(router.route(key), r -> new LinkedHashMap<>())
                .put(key, wrap(value)));
        List<Step<@Nullable Void>> writes = new ArrayList<>();
        groups.forEach((r, group) -> {
            if (!r.disabled) {
                writes.add(flow.setMany(r.backend, group, ttl));
            }
        });
        return Step.all(writes).map(done -> null);
    }

    Step<List<@Nullable Object>> getMany(Flow flow, String... keys) {
        List<@Nullable Object> result = new ArrayList<>(Collections.nCopies(keys.length, null));
        if (keys.length == 0 || switches.off(Command.GET_MANY)) {
            return Step.now(result);
        }
        if (invalidates(Command.GET_MANY)) {
            return deleteMany(flow, keys).map(deleted -> result);
        }
        List<List<Integer>> positions = new ArrayList<>();
        List<Step<List<@Nullable Object>>> reads = new ArrayList<>();
        group(keys).forEach((r, group) -> {
            if (!r.disabled) {
                positions.add(group);
                reads.add(flow.getMany(r.backend, keysAt(keys, group)));
            }
        });
        // Filled once every group answered, on one thread: groups write distinct positions.
        return Step.all(reads).map(answers -> {
            boolean observed = owner.events.active();
            for (int g = 0; g < answers.size(); g++) {
                List<Integer> at = positions.get(g);
                List<@Nullable Object> values = answers.get(g);
                for (int i = 0; i < at.size(); i++) {
                    Object stored = values.get(i);
                    result.set(at.get(i), unwrap(stored));
                    if (observed) {
                        // A backend answers null for a miss; a stored null comes back wrapped.
                        owner.reportCommand(stored == null ? CacheEvent.Kind.MISS : CacheEvent.Kind.HIT, keys[at.get(i)], null);
                    }
                }
            }
            return result;
        });
    }

    Step<List<Map.Entry<String, @Nullable Object>>> getMatch(Flow flow, String pattern) {
        Glob glob = Glob.compile(pattern);
        if (switches.off(Command.GET_MATCH)) {
            return Step.now(new ArrayList<>());
        }
        if (invalidates(Command.GET_MATCH)) {
            return deleteMatch(flow, pattern).map(deleted -> new ArrayList<>());
        }
        List<Step<List<Map.Entry<String, @Nullable Object>>>> parts = new ArrayList<>();
        for (Route r : router.routes(glob)) {
            if (!r.disabled) {
                parts.add(flow.getMatch(r.backend, glob).map(entries -> {
                    List<Map.Entry<String, @Nullable Object>> own = new ArrayList<>();
                    for (Map.Entry<String, Object> entry : entries) {
                        if (router.owns(r, entry.getKey())) {
                            own.add(new AbstractMap.SimpleImmutableEntry<>(entry.getKey(), unwrap(entry.getValue())));
                        }
                    }
                    return own;
                }));
            }
        }
        return concat(parts);
    }

    Step<Long> deleteMany(Flow flow, String... keys) {
        if (keys.length == 0 || switches.off(Command.DELETE_MANY)) {
            return Step.now(0L);
        }
        List<Step<Long>> parts = new ArrayList<>();
        group(keys).forEach((r, positions) -> {
            if (!r.disabled) {
                parts.add(deleteUntagged(flow, r, keysAt(keys, positions)));
            }
        });
        return sum(parts);
    }

    Step<Long> deleteMatch(Flow flow, String pattern) {
        Glob glob = Glob.compile(pattern);
        if (switches.off(Command.DELETE_MATCH)) {
            return Step.now(0L);
        }
        List<Route> touched = router.routes(glob);
        List<Step<Long>> parts = new ArrayList<>();
        for (Route r : touched) {
            if (r.disabled) {
                continue;
            }
            if (touched.size() == 1 && router.single() && tags.isEmpty()) {
                parts.add(flow.deleteMatch(r.backend, glob));
            } else {
                // Several backends: delete only what this backend really serves; the keys are
                // known then, so their tag sets can forget them.
                parts.add(flow.scan(r.backend, glob).then(keys -> deleteUntagged(flow, r, owned(r, keys))));
            }
        }
        return sum(parts);
    }

    private Step<Long> deleteUntagged(Flow flow, Route r, List<String> keys) {
        Step<Long> deleted = flow.deleteMany(r.backend, keys);
        return tags.isEmpty() ? deleted : deleted.then(n -> tags.untag(flow, keys).map(done -> n));
    }

    Step<List<String>> scan(Flow flow, String pattern) {
        Glob glob = Glob.compile(pattern);
        if (switches.off(Command.SCAN)) {
            return Step.now(new ArrayList<>());
        }
        List<Step<List<String>>> parts = new ArrayList<>();
        for (Route r : router.routes(glob)) {
            if (!r.disabled) {
                parts.add(flow.scan(r.backend, glob).map(keys -> owned(r, keys)));
            }
        }
        return concat(parts);
    }

    // Up to limit keys over the routes, asking each for no more than are still missing. Keys a
    // route's backend holds but another route owns are dropped, so a full answer with some
    // dropped is asked again for more, until the backend has no more or enough are owned.
    List<String> scan(String pattern, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, not " + limit);
        }
        Glob glob = Glob.compile(pattern);
        List<String> found = new ArrayList<>();
        if (switches.off(Command.SCAN)) {
            return found;
        }
        for (Route r : router.routes(glob)) {
            if (r.disabled || found.size() >= limit) {
                continue;
            }
            int missing = limit - found.size();
            for (long asked = missing; ; asked = Math.min(Integer.MAX_VALUE, asked * 2)) {
                List<String> keys = r.backend.scan(glob, (int) asked);
                List<String> own = owned(r, keys);
                if (own.size() >= missing || keys.size() < asked || asked == Integer.MAX_VALUE) {
                    found.addAll(own.size() > missing ? own.subList(0, missing) : own);
                    break;
                }
            }
        }
        return found;
    }

    private List<String> owned(Route r, List<String> keys) {
        List<String> own = new ArrayList<>();
        for (String key : keys) {
            if (router.owns(r, key)) {
                own.add(key);
            }
        }
        return own;
    }

    // The answer of the last backend that answered; "PONG" when none is enabled.
    Step<@Nullable String> ping(Flow flow) {
        if (switches.off(Command.PING)) {
            return Step.nothing();
        }
        List<Step<String>> parts = new ArrayList<>();
        for (Route r : router.configuredRoutes()) {
            if (!r.disabled) {
                parts.add(flow.ping(r.backend));
            }
        }
        return Step.all(parts).map(pongs -> pongs.isEmpty() ? "PONG" : pongs.get(pongs.size() - 1));
    }

    Step<@Nullable Void> clear(Flow flow) {
        if (switches.off(Command.CLEAR)) {
            return Step.nothing();
        }
        List<Step<@Nullable Void>> parts = new ArrayList<>();
        for (Route r : router.configuredRoutes()) {
            if (!r.disabled) {
                parts.add(flow.clear(r.backend));
            }
        }
        return Step.all(parts).map(done -> null);
    }

    Step<Long> getKeysCount(Flow flow) {
        if (switches.off(Command.GET_KEYS_COUNT)) {
            return Step.now(0L);
        }
        List<Step<Long>> parts = new ArrayList<>();
        for (Route r : router.configuredRoutes()) {
            if (!r.disabled) {
                parts.add(flow.getKeysCount(r.backend));
            }
        }
        return sum(parts);
    }

    // A read that on a miss starts the loader (blocking or not, as the facade's load does) and
    // stores its result (fingerprinted when the type has a fingerprint, so that it reads back); switched off, the loader's result is returned without touching the cache.
    <L> Step<@Nullable Object> getOrSet(Flow flow, String key, ValueType<?> type, L loader, String loaderName,
            Function<L, Step<@Nullable Object>> load, @Nullable Duration ttl) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(loader, loaderName);
        writeTtl(ttl);
        if (switches.offHere(Command.GET_OR_SET)) {
            return load.apply(loader);
        }
        return flow.read(key, type, ABSENT).then(hit -> {
            boolean observed = owner.events.active();
            if (hit != ABSENT) {
                if (observed) {
                    owner.reportCommand(CacheEvent.Kind.HIT, key, null);
                }
                return Step.now(hit);
            }
            if (observed) {
                owner.reportCommand(CacheEvent.Kind.MISS, key, null);
            }
            long start = observed ? owner.clock().nanoTime() : 0;
            Step<@Nullable Object> loaded;
            try {
                loaded = load.apply(loader);
            } catch (Throwable failure) {
                if (observed) {
                    owner.report(CacheEvent.Kind.LOAD, CacheEvent.FACADE, null, key, owner.clock().nanoTime() - start,
                            CacheEvent.FAILURE);
                }
                throw failure;
            }
            if (observed) {
                // A loader's future that fails: its LOAD is reported when it does.
                loaded.future().whenComplete((value, error) -> {
                    if (error != null) {
                        owner.report(CacheEvent.Kind.LOAD, CacheEvent.FACADE, null, key,
                                owner.clock().nanoTime() - start, CacheEvent.FAILURE);
                    }
                });
            }
            return loaded.then(value -> {
                if (observed) {
                    owner.report(CacheEvent.Kind.LOAD, CacheEvent.FACADE, null, key, owner.clock().nanoTime() - start,
                            CacheEvent.SUCCESS);
                }
                return flow.set(key, type.seal(value), ttl).map(stored -> {
                    if (observed && stored) {
                        owner.reportCommand(CacheEvent.Kind.PUT, key, null);
                    }
                    return value;
                });
            });
        });
    }

    // ---------------------------------------------------------------- grouping

    // Positions of the keys per route, routes in first-seen order.
    private Map<Route, List<Integer>> group(String... keys) {
        Map<Route, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < keys.length; i++) {
            groups.computeIfAbsent(router.route(keys[i]), r -> new ArrayList<>()).add(i);
        }
        return groups;
    }

    private static List<String> keysAt(String[] keys, List<Integer> positions) {
        List<String> at = new ArrayList<>(positions.size());
        for (int position : positions) {
            at.add(keys[position]);
        }
        return at;
    }

    private static <E> Step<List<E>> concat(List<Step<List<E>>> parts) {
        return Step.all(parts).map(lists -> {
            List<E> all = new ArrayList<>();
            lists.forEach(all::addAll);
            return all;
        });
    }

    private static Step<Long> sum(List<Step<Long>> parts) {
        return Step.all(parts).map(counts -> {
            long total = 0;
            for (long count : counts) {
                total += count;
            }
            return total;
        });
    }
}
