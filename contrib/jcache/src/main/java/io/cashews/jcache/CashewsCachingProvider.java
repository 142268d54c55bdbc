package io.cashews.jcache;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.WeakHashMap;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.OptionalFeature;
import javax.cache.spi.CachingProvider;
import org.jspecify.annotations.Nullable;

/**
 * The Cashews JCache provider, found by {@code Caching.getCachingProvider()} through
 * {@link java.util.ServiceLoader}. A cache manager's URI is a Cashews URL; the default is the
 * system property {@value #URI_PROPERTY} when it is set, else {@code mem:///} (what Cashews reads as
 * {@code mem://}: {@link URI} has no form for a URL with neither host nor path, so a bare
 * {@code scheme://} in the property is read as {@code scheme:///} too). One manager per URI and
 * class loader, as JCache asks.
 *
 * <p>Store-by-reference is not supported: every backend keeps values by value (see
 * {@link CashewsJCache}).
 */
public final class CashewsCachingProvider implements CachingProvider {

    /** The system property naming the default manager URI, a Cashews URL such as {@code redis://localhost:6379/0}. */
    public static final String URI_PROPERTY = "io.cashews.jcache.uri";

    /**
     * The prefix of the manager properties that are backend options:
     * {@code io.cashews.jcache.serializer_allow} is the option {@code serializer_allow}. They win
     * over the options of the URL.
     */
    public static final String OPTION_PREFIX = "io.cashews.jcache.";

    /** The default manager URI when {@value #URI_PROPERTY} is not set: the memory backend. */
    public static final String DEFAULT_URI = "mem:///";

    private final WeakHashMap<ClassLoader, Map<URI, CashewsJCacheManager>> managers = new WeakHashMap<>();

    /** Creates the provider; called by {@link java.util.ServiceLoader} or {@code Caching}. */
    public CashewsCachingProvider() {
    }

    @Override
    public CacheManager getCacheManager(@Nullable URI uri, @Nullable ClassLoader classLoader, @Nullable Properties properties) {
        URI managerUri = uri == null ? getDefaultURI() : uri;
        ClassLoader loader = classLoader == null ? getDefaultClassLoader() : classLoader;
        Properties managerProperties = properties == null ? getDefaultProperties() : properties;
        synchronized (managers) {
            Map<URI, CashewsJCacheManager> byUri = managers.computeIfAbsent(loader, ignored -> new HashMap<>());
            CashewsJCacheManager manager = byUri.get(managerUri);
            if (manager == null) {
                manager = new CashewsJCacheManager(this, managerUri, loader, managerProperties);
                byUri.put(managerUri, manager);
            }
            return manager;
        }
    }

    @Override
    public CacheManager getCacheManager(@Nullable URI uri, @Nullable ClassLoader classLoader) {
        return getCacheManager(uri, classLoader, getDefaultProperties());
    }

    @Override
    public CacheManager getCacheManager() {
        return getCacheManager(getDefaultURI(), getDefaultClassLoader());
    }

    @Override
    public ClassLoader getDefaultClassLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context == null ? CashewsCachingProvider.class.getClassLoader() : context;
    }

    /**
     * Returns the URI of the default manager: the system property {@value #URI_PROPERTY}, read on
     * every call, else {@value #DEFAULT_URI}.
     *
     * @return the URI
     * @throws CacheException if the property is not a URI
     */
    @Override
    public URI getDefaultURI() {
        String configured = System.getProperty(URI_PROPERTY);
        String text = configured == null || configured.isBlank() ? DEFAULT_URI : configured.trim();
        if (text.endsWith("://") && text.indexOf("://") == text.length() - 3) {
            text += "/";
        }
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new CacheException(URI_PROPERTY + "=" + text + " is not a URI: " + e.getMessage(), e);
        }
    }

    /**
     * Returns the properties of a manager obtained without any: the system properties named
     * {@code io.cashews.jcache.<option>} (except {@value #URI_PROPERTY}), so that
     * {@code -Dio.cashews.jcache.serializer_allow=com.example.**} configures the default manager.
     *
     * @return a new {@code Properties}
     */
    @Override
    public Properties getDefaultProperties() {
        Properties defaults = new Properties();
        Properties system = System.getProperties();
        for (String name : system.stringPropertyNames()) {
            if (name.startsWith(OPTION_PREFIX) && !name.equals(URI_PROPERTY)) {
                defaults.setProperty(name, system.getProperty(name));
            }
        }
        return defaults;
    }

    @Override
    public void close() {
        List<CashewsJCacheManager> open = new ArrayList<>();
        synchronized (managers) {
            for (Map<URI, CashewsJCacheManager> byUri : managers.values()) {
                open.addAll(byUri.values());
            }
            managers.clear();
        }
        open.forEach(CashewsJCacheManager::close);
    }

    @Override
    public void close(@Nullable ClassLoader classLoader) {
        ClassLoader loader = classLoader == null ? getDefaultClassLoader() : classLoader;
        List<CashewsJCacheManager> open;
        synchronized (managers) {
            Map<URI, CashewsJCacheManager> byUri = managers.remove(loader);
            open = byUri == null ? List.of() : new ArrayList<>(byUri.values());
        }
        open.forEach(CashewsJCacheManager::close);
    }

    @Override
    public void close(@Nullable URI uri, @Nullable ClassLoader classLoader) {
        URI managerUri = uri == null ? getDefaultURI() : uri;
        ClassLoader loader = classLoader == null ? getDefaultClassLoader() : classLoader;
        CashewsJCacheManager manager;
        synchronized (managers) {
            Map<URI, CashewsJCacheManager> byUri = managers.get(loader);
            manager = byUri == null ? null : byUri.remove(managerUri);
        }
        if (manager != null) {
            manager.close();
        }
    }

    // a manager closed itself
    void released(CashewsJCacheManager manager) {
        synchronized (managers) {
            Map<URI, CashewsJCacheManager> byUri = managers.get(manager.getClassLoader());
            if (byUri != null) {
                byUri.remove(manager.getURI(), manager);
            }
        }
    }

    @Override
    public boolean isSupported(OptionalFeature optionalFeature) {
        Objects.requireNonNull(optionalFeature, "optionalFeature");
        return false;
    }

    @Override
    public String toString() {
        return "CashewsCachingProvider";
    }
}
