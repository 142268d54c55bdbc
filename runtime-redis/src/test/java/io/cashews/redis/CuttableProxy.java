package io.cashews.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP proxy in front of Redis that a test can cut, to lose a connection in the middle
 * of a command stream without root: once {@link #cutAfter(long)} more bytes went from the client
 * to Redis, every connection is closed and new ones are refused, as a Redis gone from the network.
 */
final class CuttableProxy implements AutoCloseable {

    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    // Bytes the client may still send before the cut; negative while no cut is armed.
    private final AtomicLong budget = new AtomicLong(-1);
    private volatile boolean cut;

    /**
     * Starts forwarding.
     *
     * @param redisUrl {@code redis://host:port[/db]} of the real server
     */
    CuttableProxy(String redisUrl) {
        String hostPort = redisUrl.substring(redisUrl.indexOf("://") + 3).split("/")[0];
        this.targetHost = hostPort.substring(0, hostPort.lastIndexOf(':'));
        this.targetPort = Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
        try {
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::accept, "proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * Returns the URL of database {@code database} through this proxy.
     *
     * @param database the database index
     * @return {@code redis://127.0.0.1:<port>/<database>}
     */
    String url(int database) {
        return "redis://127.0.0.1:" + server.getLocalPort() + "/" + database;
    }

    /**
     * Arms the cut.
     *
     * @param bytes how many more bytes from the client reach Redis before everything is closed
     */
    void cutAfter(long bytes) {
        budget.set(bytes);
    }

    boolean isCut() {
        return cut;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (cut) {
                    client.close();
                    continue;
                }
                Socket redis = new Socket(targetHost, targetPort);
                sockets.add(client);
                sockets.add(redis);
                pump(client, redis, true);
                pump(redis, client, false);
            } catch (IOException e) {
                // Closed: the proxy is cut or shut down.
            }
        }
    }

    private void pump(Socket from, Socket to, boolean counted) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    int forward = read;
                    if (counted) {
                        long left = budget.get();
                        if (left >= 0) {
                            forward = (int) Math.min(read, left);
                            budget.addAndGet(-forward);
                        }
                    }
                    out.write(buffer, 0, forward);
                    out.flush();
                    if (forward < read || (counted && budget.get() == 0)) {
                        cutNow();
                        return;
                    }
                }
            } catch (IOException e) {
                // One side closed.
            }
        }, "proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private void cutNow() {
        cut = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // Closing anyway.
        }
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Closing anyway.
            }
        }
    }

    @Override
    public void close() {
        cutNow();
    }
}
