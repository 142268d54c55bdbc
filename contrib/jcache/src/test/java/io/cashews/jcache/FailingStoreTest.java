package io.cashews.jcache;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cashews.CacheBackendInteractionException;
import java.io.IOException;
import java.net.ServerSocket;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;

/** A store that cannot be reached makes operations fail; it never looks like an empty cache. */
class FailingStoreTest {

    // a port that nothing listens on: taken, then released
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void aDownRedisRaisesByDefault() throws IOException {
        try (CacheManager manager = Backends.manager("redis://127.0.0.1:" + closedPort() + "/0?socket_connect_timeout=0.5")) {
            assertThatThrownBy(() -> manager.createCache("down", new MutableConfiguration<>()))
                    .isInstanceOf(CacheException.class)
                    .hasCauseInstanceOf(CacheBackendInteractionException.class);
        }
    }

    @Test
    void aSuppressingStoreEndsTheCompareAndSetLoop() throws IOException {
        // suppress=true asked for: reads miss and writes refuse, so put gives up instead of spinning
        try (CacheManager manager = Backends.manager("redis://127.0.0.1:" + closedPort() + "/0?suppress=true&socket_connect_timeout=0.5")) {
            Cache<String, String> cache = manager.createCache("down", new MutableConfiguration<>());
            assertThatThrownBy(() -> cache.put("k", "v"))
                    .isInstanceOf(CacheException.class)
                    .hasMessageContaining("1000 attempts");
        }
    }
}
