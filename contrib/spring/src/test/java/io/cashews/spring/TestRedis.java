package io.cashews.spring;

import java.io.IOException;
import java.net.ServerSocket;
import redis.embedded.RedisServer;

/** One real Redis for the module's tests: the embedded redis-server on a free port, or {@code REDIS_URL}. */
final class TestRedis {

    private static String url;
    private static RedisServer server;

    private TestRedis() {
    }

    static synchronized String url() throws IOException {
        if (url == null) {
            String env = System.getenv("REDIS_URL");
            if (env != null && !env.isBlank()) {
                url = env.trim();
            } else {
                int port;
                try (ServerSocket socket = new ServerSocket(0)) {
                    port = socket.getLocalPort();
                }
                server = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"")
                        .setting("appendonly no").build();
                server.start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        server.stop();
                    } catch (IOException ignored) {
                        // the JVM is ending
                    }
                }));
                url = "redis://127.0.0.1:" + port;
            }
        }
        return url;
    }
}
