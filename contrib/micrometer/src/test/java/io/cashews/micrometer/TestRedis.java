package io.cashews.micrometer;

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
import java.util.concurrent.TimeUnit;
import redis.embedded.core.ExecutableProvider;

/**
 * The Redis of these tests: {@code REDIS_URL} when set, otherwise the {@code redis-server} binary of
 * {@code com.github.codemonstur:embedded-redis} started once on a free port for the test run (the
 * pattern of runtime-redis' test fixture).
 */
final class TestRedis {
    private static String base;

    private TestRedis() {
    }

    static synchronized String url(int database) {
        if (base == null) {
            String env = System.getenv("REDIS_URL");
            if (env != null && !env.isBlank()) {
                String trimmed = env.trim();
                int slash = trimmed.indexOf('/', trimmed.indexOf("://") + 3);
                base = slash < 0 ? trimmed : trimmed.substring(0, slash);
            } else {
                base = launch();
            }
        }
        return base + "/" + database;
    }

    private static String launch() {
        try {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Path dir = Files.createTempDirectory("cashews-micrometer-redis");
            File executable = ExecutableProvider.newJarResourceProvider().get();
            Process process = new ProcessBuilder(executable.getAbsolutePath(), "--port", Integer.toString(port),
                    "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "no",
                    "--dir", dir.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            // An external process says it is ready only by answering: poll its port.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!answers(port)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException("redis-server did not start: " + Files.readString(dir.resolve("redis.log")));
                }
                process.waitFor(10, TimeUnit.MILLISECONDS);
            }
            return "redis://127.0.0.1:" + port;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting redis-server", e);
        }
    }

    private static boolean answers(int port) {
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
}
