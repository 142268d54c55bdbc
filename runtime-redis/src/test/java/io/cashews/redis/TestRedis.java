package io.cashews.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The Redis the tests share: {@code REDIS_URL} when it is set, otherwise one embedded
 * {@code redis-server} started on a free port for the whole test run. Test classes use different
 * databases so that they never see each other's keys. The other modules' tests use it through
 * this module's test-jar (each module's test JVM starts its own server).
 */
public final class TestRedis {

    private static String base;

    private TestRedis() {
    }

    /**
     * Returns the URL of a database of the shared server.
     *
     * @param database the database index, one per test class
     * @return {@code redis://host:port/<database>}
     */
    public static synchronized String url(int database) {
        if (base == null) {
            String env = System.getenv("REDIS_URL");
            if (env != null && !env.isBlank()) {
                String trimmed = env.trim();
                int slash = trimmed.indexOf('/', trimmed.indexOf("://") + 3);
                base = slash < 0 ? trimmed : trimmed.substring(0, slash);
            } else {
                RedisProcess redis = RedisProcess.launch();
                Runtime.getRuntime().addShutdownHook(new Thread(redis::kill));
                base = redis.url();
            }
        }
        return base + "/" + database;
    }

    /** A plain Lettuce connection beside the backend under test, to look at or plant raw data. */
    static final class Raw implements AutoCloseable {
        private final RedisClient client;
        private final StatefulRedisConnection<String, byte[]> connection;

        Raw(String url) {
            client = RedisClient.create(RedisURI.create(url));
            connection = client.connect(RedisConnector.CODEC);
        }

        RedisCommands<String, byte[]> sync() {
            return connection.sync();
        }

        @Override
        public void close() {
            connection.close();
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        }
    }

    /**
     * Opens a raw connection.
     *
     * @param url the database URL
     * @return the connection; close it after the test
     */
    static Raw raw(String url) {
        return new Raw(url);
    }

    /**
     * Lets time pass for every key of the database: each TTL shrinks by {@code millis}, and a key
     * whose TTL runs out is deleted, as Redis would have expired it.
     *
     * @param commands the raw connection's commands
     * @param millis how much time passes
     */
    static void advance(RedisCommands<String, byte[]> commands, long millis) {
        commands.eval("""
                local cursor = '0'
                repeat
                  local page = redis.call('SCAN', cursor, 'COUNT', 1000)
                  cursor = page[1]
                  for _, key in ipairs(page[2]) do
                    local left = redis.call('PTTL', key)
                    if left > 0 then
                      if left - tonumber(ARGV[1]) <= 0 then
                        redis.call('DEL', key)
                      else
                        redis.call('PEXPIRE', key, left - tonumber(ARGV[1]))
                      end
                    end
                  end
                until cursor == '0'
                return 1
                """, ScriptOutputType.INTEGER, new String[0], Long.toString(millis).getBytes(StandardCharsets.US_ASCII));
    }
}
