package io.cashews.redis;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import redis.embedded.core.ExecutableProvider;

/**
 * A real {@code redis-server} (the binary shipped in {@code com.github.codemonstur:embedded-redis})
 * run as a child process on a free port, for tests that need to stop and start it.
 */
final class RedisProcess implements AutoCloseable {

    private static File executable;

    private final int port;
    private final List<String> extraArgs;
    private final Path directory;
    private Process process;

    private RedisProcess(int port, List<String> extraArgs) throws IOException {
        this.port = port;
        this.extraArgs = extraArgs;
        this.directory = Files.createTempDirectory("cashews-redis-" + port);
    }

    /**
     * Starts a server on a free port.
     *
     * @param extraArgs further {@code redis-server} arguments, such as {@code "--tls-port", "0"}
     * @return the running server
     */
    static RedisProcess launch(String... extraArgs) {
        try {
            RedisProcess redis = new RedisProcess(freePort(), List.of(extraArgs));
            redis.start();
            return redis;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static synchronized File executable() throws IOException {
        if (executable == null) {
            executable = ExecutableProvider.newJarResourceProvider().get();
        }
        return executable;
    }

    /** Starts the server again on the same port after {@link #kill()}. */
    void start() throws IOException {
        List<String> command = new ArrayList<>(List.of(executable().getAbsolutePath(),
                "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                "--protected-mode", "no", "--dir", directory.toString()));
        command.addAll(extraArgs);
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(directory.resolve("redis.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!answers()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("redis-server did not start on port " + port + ": "
                        + Files.readString(directory.resolve("redis.log")));
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }

    // Ready when a plain-text PING is answered (a TLS-only server has its plain port too).
    private boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = new byte[7];
            int n = in.read(reply);
            return n > 0 && new String(reply, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    /** Kills the server at once (no shutdown handshake), like a crash. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    int port() {
        return port;
    }

    Path directory() {
        return directory;
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        kill();
    }
}
