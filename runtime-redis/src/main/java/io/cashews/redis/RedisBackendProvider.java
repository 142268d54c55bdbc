package io.cashews.redis;

import io.cashews.spi.Backend;
import io.cashews.codec.ValueCodec;
import io.cashews.spi.BackendContext;
import io.cashews.spi.BackendProvider;
import java.util.Set;

/**
 * Serves {@code redis://[user:password@]host[:port][/db]} and {@code rediss://…} (TLS), found by
 * {@link java.util.ServiceLoader}.
 *
 * <p>Options (all optional): {@code suppress} (default {@code true}: when Redis fails, reads miss
 * and writes report {@code false}, so proxies fall through to their delegate; {@code false}
 * throws {@link io.cashews.CacheBackendInteractionException}), {@code socket_connect_timeout}
 * and {@code socket_timeout} (seconds or a duration, default 1 s each: the most a dead Redis adds
 * to a call; once a command has timed out, commands fail at once until Redis answers again or one
 * more {@code socket_timeout} has passed, so a call of several commands waits about one timeout),
 * {@code request_queue_size} (default 100000: the most commands queued or awaiting their reply on
 * the connection; beyond it a command is refused at once, Lettuce saying "Request queue size
 * exceeded" or "Internal stack size exceeded", a suppressed failure like any other), {@code client_name} (default {@code cashews}),
 * {@code connections} (default 1: how many connections carry the commands, spread by key so that
 * the commands on one key keep their order; not with {@code client_side=true}),
 * {@code cluster} ({@code true} with {@code host1:p1,host2:p2} seeds), {@code client_side} (a
 * local copy kept coherent by RESP3 tracking, see {@code client_side_prefix}, default
 * {@code cashews:}, and {@code client_side_size}, default 10000; a {@code PING} every
 * {@code socket_timeout} checks the tracking connection, and an unanswered one or any command
 * timeout drops the copy until tracking is confirmed again, so a connection lost without a word
 * stops local reads within about two {@code socket_timeout}s), TLS files for {@code rediss://}
 * ({@code ssl_ca_certs}, {@code ssl_certfile} + {@code ssl_keyfile}, {@code ssl_cert_reqs=none}
 * to skip verifying the server), and the value codec's options listed in {@link ValueCodec}
 * ({@code secret}, {@code digestmod}, {@code serializer}, {@code serializer_allow},
 * {@code compress_type}, {@code compress_min_size}).
 */
public final class RedisBackendProvider implements BackendProvider {

    /** Creates the provider; called by {@link java.util.ServiceLoader}. */
    public RedisBackendProvider() {
    }

    @Override
    public Set<String> schemes() {
        return Set.of("redis", "rediss");
    }

    @Override
    public Set<String> optionNames() {
        return RedisSettings.optionNames();
    }

    /**
     * Connects and returns the backend.
     *
     * @param context the URL, options and prefix
     * @return the backend
     * @throws IllegalArgumentException for a malformed URL or an ill-typed option, naming it
     * @throws io.cashews.CacheBackendInteractionException with {@code suppress=false} when Redis
     *     cannot be reached
     */
    @Override
    public Backend create(BackendContext context) {
        RedisSettings settings = RedisSettings.parse(context.url(), context.options());
        ValueCodec codec = ValueCodec.of(context.options());
        RedisConnector connector = new RedisConnector(settings);
        connector.start();
        RedisBackend backend = new RedisBackend(connector, codec, context.executor());
        return settings.clientSide() ? new ClientSideBackend(backend, context.clock(), context.executor()) : backend;
    }
}
