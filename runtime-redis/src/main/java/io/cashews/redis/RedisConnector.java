package io.cashews.redis;

import io.cashews.CacheBackendInteractionException;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.SslVerifyMode;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Owns the Lettuce client and the shared RESP3 connections of a backend: one by default, or
 * {@code connections=N}, over which commands are spread by key ({@link #commands(String)}), so
 * that the commands on one key keep their order. The first connection is the backend's own
 * ({@link #connection()}, {@link #commands()}): client-side tracking, its in-step reads and writes,
 * and {@code PING} use it.
 *
 * <p>Fail fast: commands time out after {@code socket_timeout}, and while the connection is down
 * Lettuce rejects them at once instead of queueing them (it reconnects in the background); at
 * most {@code request_queue_size} commands wait for their replies, further ones are refused. When
 * Redis is unreachable at setup and {@code suppress=true}, the backend starts anyway: commands
 * fail (and so read as misses) while a new connection attempt is made at most once a second.
 */
final class RedisConnector implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RedisConnector.class.getName());

    /** Keys as UTF-8 text, values as bytes (the value codec does the rest). */
    static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final RedisSettings settings;
    private final AbstractRedisClient client;
    private final List<RedisURI> uris;
    private volatile @Nullable StatefulConnection<String, byte[]> connection;
    private volatile @Nullable RedisClusterAsyncCommands<String, byte[]> commands;
    // Every connection's commands, the first connection's first; null until connected.
    private volatile RedisClusterAsyncCommands<String, byte[]> @Nullable [] spread;
    private volatile List<StatefulConnection<String, byte[]>> all = List.of();
    private final AtomicBoolean connecting = new AtomicBoolean();
    private volatile long lastAttempt;
    private volatile boolean closed;
    private final List<Consumer<StatefulConnection<String, byte[]>>> onConnect = new CopyOnWriteArrayList<>();

    RedisConnector(RedisSettings settings) {
        this.settings = settings;
        this.uris = new ArrayList<>();
        for (RedisSettings.HostAndPort host : settings.hosts()) {
            uris.add(uri(settings, host));
        }
        if (settings.cluster()) {
            RedisClusterClient cluster = RedisClusterClient.create(Resources.SHARED, uris);
            // Learn of added masters and moved slots (redirects trigger a refresh, and a periodic
            // one catches the rest): client-side tracking follows topology changes.
            cluster.setOptions(ClusterClientOptions.builder(clientOptions(settings))
                    .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                            .enableAllAdaptiveRefreshTriggers()
                            .enablePeriodicRefresh(Duration.ofSeconds(60))
                            .build())
                    .build());
            this.client = cluster;
        } else {
            RedisClient single = RedisClient.create(Resources.SHARED, uris.get(0));
            single.setOptions(clientOptions(settings));
            this.client = single;
        }
    }

    /**
     * One set of event loops for every backend of the process, created on first use; every
     * connection coalesces its flushes (see {@link FlushCoalescing}). Lettuce's own command
     * latency statistics are off: with HdrHistogram and LatencyUtils on the class path (Micrometer
     * brings both) Lettuce would otherwise record every reply on the event loop, for numbers that
     * only its event bus publishes and nothing here reads.
     */
    private static final class Resources {
        static final ClientResources SHARED = DefaultClientResources.builder()
                .nettyCustomizer(new FlushCoalescing())
                .commandLatencyRecorder(CommandLatencyRecorder.disabled())
                .build();
    }

    /**
     * Returns the client resources every backend shares.
     *
     * @return the shared resources
     */
    static ClientResources resources() {
        return Resources.SHARED;
    }

    static RedisURI uri(RedisSettings settings, RedisSettings.HostAndPort host) {
        RedisURI.Builder builder = RedisURI.Builder.redis(host.host(), host.port())
                .withSsl(settings.tls())
                .withDatabase(settings.database())
                .withClientName(settings.clientName())
                .withTimeout(settings.commandTimeout());
        if (settings.tls()) {
            builder.withVerifyPeer(settings.verifyPeer() ? SslVerifyMode.FULL : SslVerifyMode.NONE);
        }
        String password = settings.password();
        if (password != null) {
            String user = settings.user();
            if (user != null) {
                builder.withAuthentication(user, password);
            } else {
                builder.withPassword(password.toCharArray());
            }
        }
        return builder.build();
    }

    static ClientOptions clientOptions(RedisSettings settings) {
        ClientOptions.Builder builder = ClientOptions.builder()
                .protocolVersion(ProtocolVersion.RESP3)
                .autoReconnect(true)
                // A dead Redis must not make callers wait: reject instead of buffering.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                // A hung Redis must not let bursts queue without bound: refused commands fail at once.
                .requestQueueSize(settings.requestQueueSize())
                .socketOptions(SocketOptions.builder().connectTimeout(settings.connectTimeout()).keepAlive(true).build())
                .timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout()));
        if (settings.tls()) {
            SslOptions.Builder ssl = SslOptions.builder().jdkSslProvider();
            if (settings.caFile() != null) {
                ssl.trustManager(settings.caFile());
            }
            if (settings.certFile() != null && settings.keyFile() != null) {
                ssl.keyManager(settings.certFile(), settings.keyFile(), null);
            }
            builder.sslOptions(ssl.build());
        }
        return builder.build();
    }

    /**
     * Connects now; with {@code suppress=true} an unreachable server is logged and retried later.
     *
     * @throws CacheBackendInteractionException with {@code suppress=false} when the server is unreachable
     */
    void start() {
        lastAttempt = System.nanoTime();
        try {
            install(connectAllNow());
        } catch (RedisException e) {
            // RedisConnectionException for one server; a plain RedisException when no cluster seed answers.
            if (!settings.suppress()) {
                close();
                throw new CacheBackendInteractionException("cannot connect to " + settings + ": " + e.getMessage(), e);
            }
            LOG.log(Level.WARNING, "cannot connect to {0} ({1}); the cache reads as empty until Redis is reachable",
                    settings, e.getMessage());
        }
    }

    private List<StatefulConnection<String, byte[]>> connectAllNow() {
        List<StatefulConnection<String, byte[]>> opened = new ArrayList<>(settings.connections());
        try {
            for (int i = 0; i < settings.connections(); i++) {
                opened.add(connectNow());
            }
        } catch (RuntimeException e) {
            opened.forEach(StatefulConnection::closeAsync);
            throw e;
        }
        return opened;
    }

    private StatefulConnection<String, byte[]> connectNow() {
        if (client instanceof RedisClusterClient cluster) {
            return cluster.connect(CODEC);
        }
        return ((RedisClient) client).connect(CODEC, uris.get(0));
    }

    private CompletableFuture<? extends StatefulConnection<String, byte[]>> connectLater() {
        if (client instanceof RedisClusterClient cluster) {
            return cluster.connectAsync(CODEC);
        }
        return ((RedisClient) client).connectAsync(CODEC, uris.get(0)).toCompletableFuture();
    }

    // All of them or none: a connection that was made is closed when another one failed.
    private CompletableFuture<List<StatefulConnection<String, byte[]>>> connectAllLater() {
        List<CompletableFuture<? extends StatefulConnection<String, byte[]>>> attempts = new ArrayList<>();
        for (int i = 0; i < settings.connections(); i++) {
            attempts.add(connectLater());
        }
        return CompletableFuture.allOf(attempts.toArray(new CompletableFuture<?>[0])).handle((done, failure) -> {
            List<StatefulConnection<String, byte[]>> opened = new ArrayList<>();
            for (CompletableFuture<? extends StatefulConnection<String, byte[]>> attempt : attempts) {
                if (attempt.isDone() && !attempt.isCompletedExceptionally()) {
                    opened.add(attempt.join());
                }
            }
            if (failure != null) {
                opened.forEach(StatefulConnection::closeAsync);
                return null;
            }
            return opened;
        });
    }

    @SuppressWarnings("unchecked")
    private void install(List<StatefulConnection<String, byte[]>> connected) {
        if (closed) {
            connected.forEach(StatefulConnection::closeAsync);
            return;
        }
        RedisClusterAsyncCommands<String, byte[]>[] each = new RedisClusterAsyncCommands[connected.size()];
        for (int i = 0; i < each.length; i++) {
            StatefulConnection<String, byte[]> one = connected.get(i);
            each[i] = one instanceof StatefulRedisClusterConnection<String, byte[]> cluster ? cluster.async()
                    : ((StatefulRedisConnection<String, byte[]>) one).async();
        }
        all = List.copyOf(connected);
        connection = connected.get(0);
        spread = each;
        commands = each[0];
        for (Consumer<StatefulConnection<String, byte[]>> hook : onConnect) {
            hook.accept(connected.get(0));
        }
    }

    /**
     * Runs {@code hook} with the shared connection once it exists: now if it does, otherwise
     * when a later attempt succeeds. (Lettuce's own reconnects keep the same connection object.)
     *
     * @param hook what to do with the connection
     */
    void whenConnected(Consumer<StatefulConnection<String, byte[]>> hook) {
        onConnect.add(hook);
        StatefulConnection<String, byte[]> current = connection;
        if (current != null) {
            hook.accept(current);
        }
    }

    /**
     * Returns the commands of the shared connection.
     *
     * @return the commands, or {@code null} while no connection was ever made (a new attempt is
     *     started in the background if the last one is old enough)
     */
    @Nullable RedisClusterAsyncCommands<String, byte[]> commands() {
        RedisClusterAsyncCommands<String, byte[]> current = commands;
        if (current == null && !closed && System.nanoTime() - lastAttempt > RETRY_NANOS && connecting.compareAndSet(false, true)) {
            lastAttempt = System.nanoTime();
            connectAllLater().whenComplete((connected, failure) -> {
                connecting.set(false);
                if (connected != null) {
                    LOG.log(Level.INFO, "connected to {0}", settings);
                    install(connected);
                }
            });
        }
        return current;
    }

    /**
     * Returns the commands of the connection that carries the commands on a key: always the same
     * one for the same key, so that they reach Redis in the order they were issued.
     *
     * @param key the key (or the first key, or the pattern, of a command on several)
     * @return the commands, or {@code null} while no connection was ever made
     */
    @Nullable RedisClusterAsyncCommands<String, byte[]> commands(String key) {
        RedisClusterAsyncCommands<String, byte[]>[] each = spread;
        if (each == null || each.length == 1) {
            return commands();
        }
        return each[index(key, each.length)];
    }

    /** The connection of a key among {@code count}: its hash, spread over the lower bits. */
    static int index(String key, int count) {
        int hash = key.hashCode();
        return Math.floorMod(hash ^ (hash >>> 16), count);
    }

    /**
     * Returns the shared connection.
     *
     * @return the connection, or {@code null} while none was ever made
     */
    @Nullable StatefulConnection<String, byte[]> connection() {
        return connection;
    }

    AbstractRedisClient client() {
        return client;
    }

    List<RedisURI> uris() {
        return uris;
    }

    RedisSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        closed = true;
        for (StatefulConnection<String, byte[]> current : all) {
            current.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
