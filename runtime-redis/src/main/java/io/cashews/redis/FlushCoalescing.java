package io.cashews.redis;

import io.lettuce.core.protocol.CommandEncoder;
import io.lettuce.core.resource.NettyCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.flush.FlushConsolidationHandler;

/**
 * Coalesces the socket flushes of every Lettuce connection: many commands, one {@code write}
 * system call.
 *
 * <p>Lettuce writes and flushes each command on its own. A command issued from a thread other
 * than the connection's event loop (every call of a proxy) becomes one task on that event loop,
 * and each task used to end in its own flush, so 256 commands in flight cost 256 system calls on
 * the client and as many reads on the server. With this handler a flush is put off until the
 * event loop has run the tasks already queued (or until the replies being read are all handled),
 * so the commands that arrived meanwhile leave together; at most {@value #FLUSH_AFTER} are held
 * back. A lone command still leaves at once, after the task that wrote it.
 *
 * <p>Only the moment of the flush moves: bytes leave in the order the commands were written, so
 * the wire order of a connection (which client-side caching relies on) is unchanged. The handler
 * sits just below Lettuce's {@code CommandEncoder}, above any TLS handler, so that TLS also
 * encrypts one record per batch rather than one per command.
 */
final class FlushCoalescing implements NettyCustomizer {

    /** The handler's name in the channel pipeline. */
    static final String HANDLER_NAME = "cashews-flush-coalescing";

    /** The most flushes held back before one goes through anyway (Netty's default). */
    static final int FLUSH_AFTER = FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES;

    @Override
    public void afterChannelInitialized(Channel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        if (pipeline.get(HANDLER_NAME) != null) {
            return;
        }
        // Not sharable: a new handler for every channel, reconnects included.
        FlushConsolidationHandler handler = new FlushConsolidationHandler(FLUSH_AFTER, true);
        ChannelHandlerContext encoder = pipeline.context(CommandEncoder.class);
        if (encoder != null) {
            pipeline.addBefore(encoder.name(), HANDLER_NAME, handler);
        } else {
            pipeline.addFirst(HANDLER_NAME, handler);
        }
    }
}
