package io.cashews.jcache;

import io.cashews.redis.TestRedis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.stream.Stream;
import javax.cache.CacheManager;

/** The backends our own tests run on: a fresh store for each call. */
final class Backends {

    private static int database = 1;

    private Backends() {
    }

    /** Manager URIs of a memory backend, a database of the test Redis and a new disk directory. */
    static Stream<String> uris() {
        return Stream.of("mem://", redis(), disk());
    }

    /** Manager URIs of the backends that a second manager (another process) can share. */
    static Stream<String> sharedUris() {
        return Stream.of(redis(), disk());
    }

    static synchronized String redis() {
        // one database per use, so that no test sees another's entries; 16 databases, 0 is the TCK's
        if (database > 15) {
            database = 1;
        }
        return TestRedis.url(database++);
    }

    static String disk() {
        try {
            Path directory = Files.createTempDirectory("cashews-jcache-test");
            directory.toFile().deleteOnExit();
            return "disk://" + directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A manager of a provider of its own, as another JVM would have one; allows the tests' classes. */
    static CacheManager manager(String uri) {
        Properties properties = new Properties();
        properties.setProperty(CashewsCachingProvider.OPTION_PREFIX + "serializer_allow", "io.cashews.jcache.**");
        return new CashewsCachingProvider().getCacheManager(URI.create(uri.endsWith("://") ? uri + "/" : uri),
                Backends.class.getClassLoader(), properties);
    }
}
