package io.cashews.jcache;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;

/**
 * The provider keeps its managers by class loader, weakly: a manager an application opened and
 * never closed must not keep that application's class loader alive (a redeployed web app would
 * leak its classes, one copy per deployment).
 */
class ManagerClassLoaderTest {

    @Test
    void anUnclosedManagerDoesNotKeepItsClassLoaderAlive() throws Exception {
        CashewsCachingProvider provider = new CashewsCachingProvider();
        try {
            WeakReference<ClassLoader> loader = openAndForget(provider);
            for (int i = 0; i < 100 && loader.get() != null; i++) {
                System.gc();
            }
            assertThat(loader.get()).as("the application's class loader after it was dropped").isNull();
        } finally {
            provider.close();
        }
    }

    @Test
    void aManagerAnswersTheClassLoaderItWasOpenedWith() throws Exception {
        CashewsCachingProvider provider = new CashewsCachingProvider();
        try (URLClassLoader loader = new URLClassLoader(new URL[0], getClass().getClassLoader())) {
            CacheManager manager = provider.getCacheManager(URI.create("mem:///"), loader);
            assertThat(manager.getClassLoader()).isSameAs(loader);
            assertThat(provider.getCacheManager(URI.create("mem:///"), loader)).isSameAs(manager);
        } finally {
            provider.close();
        }
    }

    // A manager with a cache and an entry, opened for a class loader nothing refers to afterwards.
    private static WeakReference<ClassLoader> openAndForget(CashewsCachingProvider provider) throws Exception {
        URLClassLoader loader = new URLClassLoader(new URL[0], ManagerClassLoaderTest.class.getClassLoader());
        CacheManager manager = provider.getCacheManager(URI.create("mem:///"), loader);
        Cache<String, String> cache = manager.createCache("left-open", new MutableConfiguration<String, String>()
                .setTypes(String.class, String.class));
        cache.put("k", "v");
        assertThat(cache.get("k")).isEqualTo("v");
        loader.close();
        return new WeakReference<>(loader);
    }
}
