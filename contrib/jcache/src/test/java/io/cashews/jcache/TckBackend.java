package io.cashews.jcache;

import io.cashews.redis.TestRedis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Points the provider's default URI at the backend one Surefire execution of the TCK runs on,
 * before any test class loads: the TCK only ever asks {@code Caching.getCachingProvider()} for
 * the default manager. The execution names the backend in {@code io.cashews.jcache.tck.backend}:
 * {@code mem}, {@code redis} (the embedded redis-server of {@link TestRedis}, or
 * {@code REDIS_URL}) or {@code disk} (a fresh directory, deleted at the end). Without the
 * property (our own tests) it does nothing.
 */
public final class TckBackend implements LauncherSessionListener {

    /** The system property the Surefire executions set. */
    static final String BACKEND_PROPERTY = "cashews.jcache.tck.backend";

    // The TCK's value and key classes (domain.Beagle, domain.Identifier, ...), which untyped caches
    // store: read back only when allowed, as any application's classes are.
    // A manager property rather than a URL option: the TCK builds MBean names from the URI, in
    // which a query's '?' and '*' would be patterns.
    private static final String TCK_CLASSES = "domain.**,org.jsr107.tck.**";

    private Path directory;

    /** Created by the JUnit Platform through {@link java.util.ServiceLoader}. */
    public TckBackend() {
    }

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String backend = System.getProperty(BACKEND_PROPERTY);
        if (backend == null || System.getProperty(CashewsCachingProvider.URI_PROPERTY) != null) {
            return;
        }
        String uri = switch (backend) {
            case "mem" -> "mem://";
            case "redis" -> TestRedis.url(0);
            case "disk" -> {
                try {
                    directory = Files.createTempDirectory("cashews-jcache-tck");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                yield "disk://" + directory;
            }
            default -> throw new IllegalArgumentException(BACKEND_PROPERTY + "=" + backend + ": expected mem, redis or disk");
        };
        System.setProperty(CashewsCachingProvider.URI_PROPERTY, uri);
        System.setProperty(CashewsCachingProvider.OPTION_PREFIX + "serializer_allow", TCK_CLASSES);
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (directory == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
