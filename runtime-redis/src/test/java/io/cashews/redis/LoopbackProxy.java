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
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on loopback between a client and Redis, to make network trouble without root: it
 * can hold every byte in both directions without closing anything (a partition; the bytes are
 * delivered in order when it heals), or drop the Redis side of every flow while the client's
 * socket stays open and silent (a NAT or load balancer that forgot the flow).
 */
final class LoopbackProxy implements AutoCloseable {

    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Socket> upstreams = new CopyOnWriteArrayList<>();
    private final Object gate = new Object();
    private boolean holding;
    private volatile boolean dropped;
    private volatile boolean closed;

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
            try {
                Socket upstream = new Socket(targetHost, targetPort);
                sockets.add(upstream);
                upstreams.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException redisDown) {
                closeQuietly(client);
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream()) {
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buffer)) >= 0) {
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
