package io.cashews.redis;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.cashews.Exist;
import io.cashews.codec.ImmutableValues;
import io.cashews.codec.ValueCopies;
import io.cashews.spi.AbstractAsyncBackend;
import io.cashews.spi.Glob;
import io.cashews.time.CacheClock;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.TrackingArgs;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.push.PushListener;
import io.lettuce.core.api.push.PushMessage;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.push.RedisClusterPushListener;
import io.lettuce.core.cluster.event.ClusterTopologyChangedEvent;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.lang.System.Logger.Level;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;

/**
 * {@code client_side=true}: Redis stays the source of truth, and a local Caffeine copy answers
 * repeated reads without a round trip. Every key is stored in Redis under
 * {@code client_side_prefix}, and the shared connection asks for
 * {@code CLIENT TRACKING on BCAST PREFIX <prefix> NOLOOP}: Redis then pushes (RESP3) the name of
 * every key under the prefix that another connection changes, deletes or expires, and the local
 * copy drops it. {@code NOLOOP} keeps this connection's own writes from evicting the fresh copies
 * they just stored.
 *
 * <p>Coherence rules: reads use the local copy only while tracking is on; when the connection
 * drops, or a new channel of it is connected (even with no drop before it), the copy is cleared
 * and reads go to Redis until tracking is enabled again on the new channel. A value read from
 * Redis (or written by this instance) is stored locally at the moment its reply is decoded, on
 * the connection's event loop, in wire order with the push
 * messages: Redis queues the invalidation of a write on this connection before it answers any
 * later command, so every invalidation for a write the reply does not reflect comes after the
 * reply and drops the entry, while invalidations of earlier writes (already reflected by the
 * reply) are applied before it and do not prevent the fill. Only the tracking session is checked
 * at the fill: a reply from before tracking was (re)enabled or lost is not kept. Local entries
 * also carry the key's TTL (from the write, or read along with the value), checked against the
 * instance's clock. On Redis Cluster, tracking is enabled on the connection to every master and
 * each master pushes the invalidations of its own keys on the connection that carries their
 * commands. When Lettuce refreshes the topology (a redirect, or periodically) and it changed, the
 * local copy is dropped and reads go to Redis until tracking is confirmed on every master of the
 * new topology, added ones included. (While a slot is being migrated, a key may still be answered
 * by another node than the one pushing its invalidations until that refresh.)
 *
 * <p>A tracking connection can also be lost without a word: a partition, or a NAT or load
 * balancer that forgets the flow, leaves the socket open while no invalidation arrives. So every
 * {@code socket_timeout} a {@code PING} goes over each tracking connection, and a {@code PING}
 * that is not answered within {@code socket_timeout}, like any command that times out, counts as
 * a loss: the copy is cleared and reads go to Redis. Local copies are therefore served at most
 * about two {@code socket_timeout}s after the connection stopped delivering (plus scheduling
 * delays). The first answered {@code PING} afterwards turns tracking on again; that heartbeat is
 * also the only retry of a failed attempt to enable tracking, so no retry outlives the backend or
 * runs twice.
 *
 * <p>Local copies are values: a value every reader may share ({@link ImmutableValues}) is kept as
 * is; a JDK collection or array of such values ({@link ValueCopies}) as a private copy that each
 * read copies again; any other as the bytes Redis holds, decoded afresh for each read. So changing
 * an object after storing it, or one that a read returned, changes nothing the copy serves.
 */
final class ClientSideBackend extends AbstractAsyncBackend {

    private static final System.Logger LOG = System.getLogger(ClientSideBackend.class.getName());
    private static final long NEVER = Long.MAX_VALUE;

    /**
     * A local entry: the value that every reader shares ({@code null} when Redis has no such key),
     * a private copy of a collection that each reader gets a fresh copy of ({@code copied}), or the
     * bytes of any other value that a reader could change, decoded for each read; and its deadline.
     */
    record Local(@Nullable Object value, byte @Nullable [] data, long deadline, boolean copied) {
        boolean present() {
            return value != null || data != null;
        }
    }

    private final RedisBackend remote;
    private final String prefix;
    private final Cache<String, Local> local;
    private final CacheClock clock;
    private final Executor executor;
    private final long heartbeatNanos;
    // The tracking session: bumped whenever tracking is lost or (re)enabled. A reply is stored
    // locally only within the session its command was sent in.
    private final AtomicLong session = new AtomicLong();
    // Bumped whenever tracking is lost: a tracking confirmation from before does not count.
    private final AtomicLong losses = new AtomicLong();
    // Orders fills against losing and (re)enabling tracking.
    private final Object lock = new Object();
    private volatile boolean tracking;
    private volatile boolean closed;
    // Cluster only: topology refreshes re-enable tracking (new masters start without it).
    private final @Nullable Disposable topologyEvents;
    // One shared connection (not a cluster): every connect is a new channel of it.
    private final boolean standalone;

    ClientSideBackend(RedisBackend remote, CacheClock clock, Executor executor) {
        this.remote = remote;
        RedisSettings settings = remote.connector.settings();
        this.prefix = settings.clientSidePrefix();
        this.clock = clock;
        this.executor = executor;
        this.heartbeatNanos = settings.commandTimeout().toNanos();
        this.local = Caffeine.newBuilder().maximumSize(settings.clientSideSize()).executor(Runnable::run).build();
        this.standalone = !(remote.connector.client() instanceof RedisClusterClient);
        remote.connector.client().addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
                if (standalone) {
                    // Every connect of a standalone client is a new channel of the shared
                    // connection, and it has no tracking, even without a disconnect before it:
                    // when a reconnect fails in its handshake, Lettuce may run two attempts at
                    // once, and the channel activated last carries the commands while the other
                    // stays open. A confirmation for the channel activated first does not count.
                    trackingLost();
                    enableTrackingSoon(10);
                } else if (!tracking) {
                    // A reconnected node connection: its disconnect turned tracking off. (A cluster
                    // client's extra node connections leave tracking as it is.)
                    enableTrackingSoon(10);
                }
            }

            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                trackingLost();
            }
        });
        remote.onTimeout(this::trackingLost);
        remote.connector.whenConnected(this::listen);
        if (remote.connector.client() instanceof RedisClusterClient cluster) {
            topologyEvents = cluster.getResources().eventBus().get()
                    .filter(event -> event instanceof ClusterTopologyChangedEvent changed && concernsThisCluster(changed))
                    .subscribe(event -> topologyChanged());
        } else {
            topologyEvents = null;
        }
        heartbeatSoon();
    }

    // The event bus is shared by every client of the process: only this cluster's changes count.
    private boolean concernsThisCluster(ClusterTopologyChangedEvent event) {
        if (!(remote.connector.connection() instanceof StatefulRedisClusterConnection<String, byte[]> cluster)) {
            return false;
        }
        Set<String> known = new HashSet<>();
        for (RedisClusterNode node : cluster.getPartitions()) {
            known.add(node.getNodeId());
        }
        for (RedisClusterNode node : event.after()) {
            if (known.contains(node.getNodeId())) {
                return true;
            }
        }
        return false;
    }

    private void listen(StatefulConnection<String, byte[]> connection) {
        if (connection instanceof StatefulRedisClusterConnection<String, byte[]> cluster) {
            // Each node pushes the invalidations of its own slots on its own connection.
            cluster.addListener((RedisClusterPushListener) (node, message) -> onPush(message));
        } else {
            ((StatefulRedisConnection<String, byte[]>) connection).addListener((PushListener) this::onPush);
        }
        enableTracking();
    }

    private void trackingLost() {
        boolean was;
        synchronized (lock) {
            was = tracking;
            losses.incrementAndGet();
            session.incrementAndGet();
            local.invalidateAll();
            // Last: whoever sees tracking off sees the copy cleared.
            tracking = false;
        }
        if (was) {
            LOG.log(Level.INFO, "client-side tracking lost on {0}; reading from Redis until it is back",
                    remote.connector.settings());
        }
    }

    private void enableTrackingSoon(long delayMillis) {
        if (!closed) {
            CompletableFuture.delayedExecutor(delayMillis, TimeUnit.MILLISECONDS, executor).execute(this::enableTracking);
        }
    }

    private void enableTracking() {
        if (closed) {
            return;
        }
        TrackingArgs args = TrackingArgs.Builder.enabled().bcast().prefixes(prefix).noloop();
        long lossesBefore = losses.get();
        onTrackingConnections(commands -> alreadyTrackedIsFine(commands.clientTracking(args))).whenComplete((ok, failure) -> {
            if (failure == null) {
                synchronized (lock) {
                    // Confirmed on a connection that has dropped since: the reconnect enables it again.
                    if (!closed && losses.get() == lossesBefore) {
                        session.incrementAndGet();
                        local.invalidateAll();
                        tracking = true;
                    }
                }
            }
            // A failure is not retried from here: the heartbeat tries again while tracking is off.
        });
    }

    /**
     * Runs a command on every connection that carries tracking: the shared one, or on Redis
     * Cluster the connection to each master, the very one that carries its commands (NOLOOP
     * needs tracking on exactly that connection; Lettuce picks it by address).
     */
    private CompletableFuture<?> onTrackingConnections(
            Function<RedisClusterAsyncCommands<String, byte[]>, CompletionStage<String>> command) {
        try {
            RedisClusterAsyncCommands<String, byte[]> commands = remote.connector.commands();
            if (commands == null) {
                return CompletableFuture.failedFuture(new RedisBackend.NotConnectedException("not connected to "
                        + remote.connector.settings()));
            }
            if (remote.connector.connection() instanceof StatefulRedisClusterConnection<String, byte[]> cluster) {
                List<CompletableFuture<String>> nodes = new ArrayList<>();
                for (RedisClusterNode node : cluster.getPartitions()) {
                    if (node.is(RedisClusterNode.NodeFlag.UPSTREAM)) {
                        nodes.add(cluster.getConnectionAsync(node.getUri().getHost(), node.getUri().getPort())
                                .thenCompose(connection -> command.apply(connection.async())));
                    }
                }
                return CompletableFuture.allOf(nodes.toArray(new CompletableFuture<?>[0]));
            }
            return command.apply(commands).toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void heartbeatSoon() {
        if (!closed) {
            CompletableFuture.delayedExecutor(heartbeatNanos, TimeUnit.NANOSECONDS, executor).execute(this::heartbeat);
        }
    }

    // One chain per backend: each beat schedules the next once its PINGs have been answered or
    // have timed out (socket_timeout bounds every one of them).
    private void heartbeat() {
        if (closed) {
            return;
        }
        onTrackingConnections(RedisClusterAsyncCommands::ping).whenComplete((pong, failure) -> {
            if (failure != null) {
                trackingLost();
            } else {
                remote.answered();
                if (!tracking) {
                    enableTracking();
                }
            }
            heartbeatSoon();
        });
    }

    // A connection that kept its tracking (a timeout or a partition that healed; on a cluster, a
    // loss on another node's connection or a topology change), or one that two attempts raced on
    // after a quick double reconnect, refuses the same prefix again: it is tracking, which is what
    // was asked.
    static CompletableFuture<String> alreadyTrackedIsFine(CompletionStage<String> enabling) {
        return enabling.toCompletableFuture().exceptionallyCompose(failure -> {
            Throwable cause = failure instanceof CompletionException wrapped && wrapped.getCause() != null
                    ? wrapped.getCause() : failure;
            return String.valueOf(cause.getMessage()).contains("overlaps with an existing prefix")
                    ? CompletableFuture.completedFuture("OK") : CompletableFuture.failedFuture(cause);
        });
    }

    /**
     * The cluster's topology changed (Lettuce refreshed it): a new master has no tracking on its
     * connection yet, and keys may now be answered by another node. Read from Redis and drop the
     * local copy until tracking is confirmed on every master of the new topology.
     */
    private void topologyChanged() {
        if (closed) {
            return;
        }
        trackingLost();
        enableTrackingSoon(0);
    }

    private void onPush(PushMessage message) {
        if (!"invalidate".equals(message.getType())) {
            return;
        }
        // No fill needs guarding here: fills happen as their replies are decoded, in wire order
        // with this push (see the class comment).
        List<Object> content = message.getContent(buffer -> StandardCharsets.UTF_8.decode(buffer).toString());
        Object keys = content.size() > 1 ? content.get(1) : null;
        if (keys instanceof List<?> list) {
            for (Object key : list) {
                String name = key instanceof ByteBuffer buffer ? StandardCharsets.UTF_8.decode(buffer).toString() : String.valueOf(key);
                if (name.startsWith(prefix)) {
                    local.invalidate(name.substring(prefix.length()));
                }
            }
        } else {
            // A null key list: the whole database was flushed.
            local.invalidateAll();
        }
    }

    /** Tells whether reads are currently served locally; for tests and monitoring. */
    boolean isTracking() {
        return tracking;
    }

    /** Returns the Lettuce client of the shared connection; for tests. */
    AbstractRedisClient client() {
        return remote.connector.client();
    }

    /** Returns the shared connection (it receives the invalidations), or null; for tests. */
    @Nullable StatefulConnection<String, byte[]> connection() {
        return remote.connector.connection();
    }

    /** Tells whether a key has a local copy; for tests. */
    boolean isLocal(String key) {
        return local.getIfPresent(key) != null;
    }

    /**
     * Completes after every invalidation Redis sent before this call has been applied (a round
     * trip on the connection that receives them); for tests.
     */
    CompletableFuture<String> sync() {
        return remote.pingAsync();
    }

    private String remoteKey(String key) {
        return prefix + key;
    }

    private Glob remoteGlob(Glob pattern) {
        StringBuilder escaped = new StringBuilder(prefix.length() + pattern.pattern().length() + 4);
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return Glob.compile(escaped.append(pattern.pattern()).toString());
    }

    private long deadline(@Nullable Duration ttl) {
        if (ttl == null) {
            return NEVER;
        }
        try {
            long deadline = clock.nanoTime() + ttl.toNanos();
            return deadline == NEVER ? NEVER - 1 : deadline;
        } catch (ArithmeticException centuries) {
            return NEVER;
        }
    }

    // The live local entry of a key, or null when there is none or reads must go to Redis.
    private @Nullable Local fresh(String key) {
        if (!tracking) {
            return null;
        }
        Local entry = local.getIfPresent(key);
        if (entry != null && entry.deadline != NEVER && entry.deadline - clock.nanoTime() <= 0) {
            local.invalidate(key);
            return null;
        }
        return entry;
    }

    // Runs as the reply is decoded (in wire order with the pushes): see the class comment.
    private void fill(String key, Local entry, long since) {
        synchronized (lock) {
            if (tracking && session.get() == since) {
                local.put(key, entry);
            }
        }
    }

    // A read's answer, told as its reply is decoded.
    private void answered(String remoteKey, @Nullable Object value, byte @Nullable [] data, @Nullable Long pttl, long since) {
        if (pttl == null) {
            return;
        }
        fill(remoteKey.substring(prefix.length()), local(value, data, pttl > 0 ? deadline(Duration.ofMillis(pttl)) : NEVER), since);
    }

    // A value every reader may share is kept as is; a collection of such values as a private copy
    // (copying it per read costs a walk, decoding costs microseconds); any other as its bytes.
    private static Local local(@Nullable Object value, byte @Nullable [] data, long deadline) {
        if (data == null || ImmutableValues.isImmutable(value)) {
            return new Local(value, null, deadline, false);
        }
        Object copy = ValueCopies.copy(value);
        return copy != ValueCopies.UNCOPYABLE ? new Local(copy, null, deadline, true) : new Local(null, data, deadline, false);
    }

    // What a local hit returns: the shared value, a fresh copy of the private one, or a fresh
    // decoding of the bytes.
    private @Nullable Object served(String key, Local entry) {
        byte[] data = entry.data;
        if (data != null) {
            return remote.decode(remoteKey(key), data);
        }
        return entry.copied ? ValueCopies.copy(entry.value) : entry.value;
    }

    // ---------------------------------------------------------------- reads

    @Override
    public CompletableFuture<@Nullable Object> getAsync(String key) {
        Local entry = fresh(key);
        if (entry != null) {
            return CompletableFuture.completedFuture(served(key, entry));
        }
        long since = session.get();
        // The TTL travels with the value (pipelined, no extra round trip), so that the local copy
        // ends on time even where Redis' lazy expiry is late to push the invalidation.
        return remote.readInStep(List.of(remoteKey(key)), (name, value, data, pttl) -> answered(name, value, data, pttl, since))
                .thenApply(values -> values.get(0));
    }

    @Override
    public CompletableFuture<@Nullable Object> getRawAsync(String key) {
        return remote.getRawAsync(remoteKey(key));
    }

    @Override
    public CompletableFuture<List<@Nullable Object>> getManyAsync(List<String> keys) {
        List<@Nullable Object> values = new ArrayList<>(keys.size());
        List<Integer> missing = new ArrayList<>();
        List<String> remoteKeys = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            Local entry = fresh(keys.get(i));
            values.add(entry == null ? null : served(keys.get(i), entry));
            if (entry == null) {
                missing.add(i);
                remoteKeys.add(remoteKey(keys.get(i)));
            }
        }
        if (missing.isEmpty()) {
            return CompletableFuture.completedFuture(values);
        }
        long since = session.get();
        return remote.readInStep(remoteKeys, (name, value, data, pttl) -> answered(name, value, data, pttl, since)).thenApply(found -> {
            for (int j = 0; j < missing.size(); j++) {
                values.set(missing.get(j), found.get(j));
            }
            return values;
        });
    }

    @Override
    public CompletableFuture<Boolean> existsAsync(String key) {
        Local entry = fresh(key);
        if (entry != null) {
            return CompletableFuture.completedFuture(entry.present());
        }
        return remote.existsAsync(remoteKey(key));
    }

    @Override
    public CompletableFuture<List<Map.Entry<String, Object>>> getMatchAsync(Glob pattern) {
        return remote.getMatchAsync(remoteGlob(pattern)).thenApply(entries -> {
            List<Map.Entry<String, Object>> stripped = new ArrayList<>(entries.size());
            for (Map.Entry<String, Object> entry : entries) {
                stripped.add(new AbstractMap.SimpleImmutableEntry<>(entry.getKey().substring(prefix.length()), entry.getValue()));
            }
            return stripped;
        });
    }

    @Override
    public CompletableFuture<List<String>> scanAsync(Glob pattern) {
        return remote.scanAsync(remoteGlob(pattern)).thenApply(this::stripped);
    }

    @Override
    public CompletableFuture<List<String>> scanAsync(Glob pattern, int limit) {
        return remote.scanAsync(remoteGlob(pattern), limit).thenApply(this::stripped);
    }

    private List<String> stripped(List<String> keys) {
        List<String> stripped = new ArrayList<>(keys.size());
        for (String key : keys) {
            stripped.add(key.substring(prefix.length()));
        }
        return stripped;
    }

    @Override
    public CompletableFuture<Long> getExpireAsync(String key) {
        return remote.getExpireAsync(remoteKey(key));
    }

    @Override
    public CompletableFuture<Long> getExpireMillisAsync(String key) {
        return remote.getExpireMillisAsync(remoteKey(key));
    }

    @Override
    public CompletableFuture<Long> getKeysCountAsync() {
        return remote.scanAsync(remoteGlob(Glob.compile("*"))).thenApply(keys -> (long) keys.size());
    }

    @Override
    public CompletableFuture<long[]> getBitsAsync(String key, int size, long... indexes) {
        return remote.getBitsAsync(remoteKey(key), size, indexes);
    }

    @Override
    public CompletableFuture<String> pingAsync() {
        return remote.pingAsync();
    }

    // ---------------------------------------------------------------- writes

    @Override
    public CompletableFuture<Boolean> setAsync(String key, Object value, @Nullable Duration ttl, Exist exist) {
        local.invalidate(key);
        long since = session.get();
        long deadline = deadline(ttl);
        // NOLOOP: Redis will not tell this connection about its own write, so store it here, as
        // the reply is decoded (a later write by another instance is pushed after the reply).
        return remote.setInStep(remoteKey(key), value, ttl, exist, data -> fill(key, local(value, data, deadline), since))
                .thenApply(written -> {
                    if (!written) {
                        local.invalidate(key);
                    }
                    return written;
                });
    }

    @Override
    public CompletableFuture<Boolean> setRawAsync(String key, Object value) {
        local.invalidate(key);
        return remote.setRawAsync(remoteKey(key), value).whenComplete((done, failure) -> local.invalidate(key));
    }

    @Override
    public CompletableFuture<@Nullable Void> setManyAsync(Map<String, ?> pairs, @Nullable Duration ttl) {
        // One set each, so that every new value is stored locally as its reply is decoded: a read
        // answered just before would otherwise leave its older value behind (NOLOOP: no push).
        List<CompletableFuture<Boolean>> writes = new ArrayList<>(pairs.size());
        pairs.forEach((key, value) -> writes.add(setAsync(key, value, ttl, Exist.ANY)));
        return CompletableFuture.allOf(writes.toArray(new CompletableFuture<?>[0])).thenApply(done -> null);
    }

    // Commands that change a key in ways the local copy cannot mirror simply drop it.
    private <T> CompletableFuture<T> dropping(String key, CompletableFuture<T> command) {
        local.invalidate(key);
        return command.whenComplete((result, failure) -> local.invalidate(key));
    }

    @Override
    public CompletableFuture<Long> incrAsync(String key, long by, @Nullable Duration ttl) {
        local.invalidate(key);
        return dropping(key, remote.incrAsync(remoteKey(key), by, ttl));
    }

    @Override
    public CompletableFuture<Long> sliceIncrAsync(String key, long startMillis, long endMillis, long maxValue, Duration ttl) {
        local.invalidate(key);
        return dropping(key, remote.sliceIncrAsync(remoteKey(key), startMillis, endMillis, maxValue, ttl));
    }

    @Override
    public CompletableFuture<long[]> incrBitsAsync(String key, int size, long by, long... indexes) {
        local.invalidate(key);
        return dropping(key, remote.incrBitsAsync(remoteKey(key), size, by, indexes));
    }

    @Override
    public CompletableFuture<Boolean> deleteAsync(String key) {
        local.invalidate(key);
        return dropping(key, remote.deleteAsync(remoteKey(key)));
    }

    @Override
    public CompletableFuture<Long> deleteManyAsync(List<String> keys) {
        List<String> remoteKeys = new ArrayList<>(keys.size());
        for (String key : keys) {
            local.invalidate(key);
            remoteKeys.add(remoteKey(key));
        }
        return remote.deleteManyAsync(remoteKeys).whenComplete((n, failure) -> local.invalidateAll(keys));
    }

    @Override
    public CompletableFuture<Long> deleteMatchAsync(Glob pattern) {
        local.invalidateAll();
        return remote.deleteMatchAsync(remoteGlob(pattern)).whenComplete((n, failure) -> local.invalidateAll());
    }

    @Override
    public CompletableFuture<Boolean> expireAsync(String key, @Nullable Duration ttl) {
        local.invalidate(key);
        return dropping(key, remote.expireAsync(remoteKey(key), ttl));
    }

    @Override
    public CompletableFuture<@Nullable Void> clearAsync() {
        local.invalidateAll();
        // Only this backend's keys: the database may hold others.
        return remote.deleteMatchAsync(remoteGlob(Glob.compile("*"))).handle((n, failure) -> {
            local.invalidateAll();
            return null;
        });
    }

    @Override
    public CompletableFuture<Boolean> setLockAsync(String key, String value, Duration expire) {
        local.invalidate(key);
        return dropping(key, remote.setLockAsync(remoteKey(key), value, expire));
    }

    @Override
    public CompletableFuture<Boolean> unlockAsync(String key, String value) {
        local.invalidate(key);
        return dropping(key, remote.unlockAsync(remoteKey(key), value));
    }

    // The atomic commands change the key on Redis in one step; the local copy is dropped before and
    // after, as for incr (NOLOOP: no push tells this connection about its own write).

    @Override
    public CompletableFuture<@Nullable Object> getAndSetAsync(String key, Object value, @Nullable Duration ttl,
            boolean keepTtl) {
        return dropping(key, remote.getAndSetAsync(remoteKey(key), value, ttl, keepTtl));
    }

    @Override
    public CompletableFuture<Boolean> compareAndSetAsync(String key, @Nullable Object expected, Object value,
            @Nullable Duration ttl, boolean keepTtl) {
        return dropping(key, remote.compareAndSetAsync(remoteKey(key), expected, value, ttl, keepTtl));
    }

    @Override
    public CompletableFuture<Boolean> deleteIfEqualsAsync(String key, Object expected) {
        return dropping(key, remote.deleteIfEqualsAsync(remoteKey(key), expected));
    }

    @Override
    public CompletableFuture<@Nullable Object> getAndDeleteAsync(String key) {
        return dropping(key, remote.getAndDeleteAsync(remoteKey(key)));
    }

    // Sets are never copied locally (get treats them as missing), so they pass straight through.

    @Override
    public CompletableFuture<Long> setAddAsync(String key, @Nullable Duration ttl, String... members) {
        return dropping(key, remote.setAddAsync(remoteKey(key), ttl, members));
    }

    @Override
    public CompletableFuture<Long> setRemoveAsync(String key, String... members) {
        return dropping(key, remote.setRemoveAsync(remoteKey(key), members));
    }

    @Override
    public CompletableFuture<List<String>> setPopAsync(String key, int count) {
        return dropping(key, remote.setPopAsync(remoteKey(key), count));
    }

    @Override
    public CompletableFuture<Set<String>> setMembersAsync(String key) {
        return remote.setMembersAsync(remoteKey(key));
    }

    @Override
    public void close() {
        if (topologyEvents != null) {
            topologyEvents.dispose();
        }
        synchronized (lock) {
            closed = true;
            tracking = false;
            session.incrementAndGet();
            local.invalidateAll();
        }
        remote.close();
    }

    @Override
    public String toString() {
        return "ClientSideBackend[" + remote + ", prefix " + prefix + "]";
    }
}
