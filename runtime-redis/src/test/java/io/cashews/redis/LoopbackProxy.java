package io.cashews.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback between a client and Redis, to make network trouble without root: it
 * can hold every byte in both directions without closing anything (a partition; the bytes are
 * delivered in order when it heals), or drop the Redis side of every flow while the client's
 * socket stays open and silent (a NAT or load balancer that forgot the flow). The next flows to
 * arrive can also be closed at once or held until released, one by one ({@link #nextFlows}).
 */
final class LoopbackProxy implements AutoCloseable {

    /** What happens to a flow that arrives. */
    enum Flow {
        /** Forwarded. */
        PASS,
        /** The client's socket is closed as soon as it is accepted. */
        CLOSE,
        /** Connected to Redis, but no byte goes either way until {@link #releaseHeld()}. */
        HOLD
    }

    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Socket> upstreams = new CopyOnWriteArrayList<>();
    private final Object gate = new Object();
    private boolean holding;
    private volatile boolean dropped;
    private volatile boolean closed;
    private final Queue<Flow> next = new ConcurrentLinkedQueue<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final CountDownLatch held = new CountDownLatch(1);

    /**
     * Starts forwarding to the server of a Redis URL.
     *
     * @param redisUrl {@code redis://host:port}, as {@link RedisProcess#url()} gives
     */
    LoopbackProxy(String redisUrl) {
        URI uri = URI.create(redisUrl);
        targetHost = uri.getHost();
        targetPort = uri.getPort();
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::accept, "proxy-accept-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Returns {@code redis://127.0.0.1:<port>} of the proxy, without a database. */
    String url() {
        return "redis://127.0.0.1:" + server.getLocalPort();
    }

    /** Stops delivering bytes in both directions, closing nothing. */
    void hold() {
        synchronized (gate) {
            holding = true;
        }
    }

    /** Delivers what was held, in order, and forwards again. */
    void heal() {
        synchronized (gate) {
            holding = false;
            gate.notifyAll();
        }
    }

    /**
     * Closes the Redis side of every flow (Redis sees the client go) and from then on swallows
     * what the client sends, answering nothing and never closing the client's socket.
     */
    void dropFlows() {
        dropped = true;
        heal();
        for (Socket socket : upstreams) {
            closeQuietly(socket);
        }
    }

    /**
     * Decides the fate of the next flows, in the order they arrive; later ones are forwarded.
     *
     * @param flows one for each of the next flows
     */
    void nextFlows(Flow... flows) {
        next.addAll(List.of(flows));
    }

    /** Returns how many flows were accepted so far. */
    int accepted() {
        return accepted.get();
    }

    /** Lets the held flows go (once). */
    void releaseHeld() {
        held.countDown();
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                // Closed.
                return;
            }
            sockets.add(client);
            Flow flow = next.poll();
            if (flow == Flow.CLOSE) {
                accepted.incrementAndGet();
                closeQuietly(client);
                continue;
            }
            CountDownLatch gateOfFlow = flow == Flow.HOLD ? held : new CountDownLatch(0);
            try {
                Socket upstream = new Socket(targetHost, targetPort);
                sockets.add(upstream);
                upstreams.add(upstream);
                accepted.incrementAndGet();
                pump(client, upstream, gateOfFlow);
                pump(upstream, client, gateOfFlow);
            } catch (IOException redisDown) {
                closeQuietly(client);
            }
        }
    }

    private void pump(Socket from, Socket to, CountDownLatch gateOfFlow) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream()) {
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    gateOfFlow.await();
                    synchronized (gate) {
                        while (holding) {
                            gate.wait();
                        }
                    }
                    if (dropped) {
                        // The flow is gone: what the client sends goes nowhere.
                        continue;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // The flow ended.
            } finally {
                if (!dropped) {
                    closeQuietly(to);
                }
            }
        }, "proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing anyway.
        }
    }

    @Override
    public void close() {
        closed = true;
        heal();
        closeQuietly(server);
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing anyway.
        }
    }
}
