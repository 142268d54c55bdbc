package io.cashews;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Makes the generated caching proxy of one interface: the processor writes one for every
 * {@code X_Cached}, as its nested class {@code X_Cached.Factory}, and lists it in
 * {@code META-INF/services/io.cashews.ProxyFactory} (next to the index
 * {@code META-INF/cashews/proxies}, interface to proxy class). Integrations that wrap existing
 * objects in their proxies, such as the Spring Boot starter, find the factories through
 * {@link #installed(ClassLoader)} and build proxies without reflection.
 *
 * <p>For a generic interface {@code Repository<T>} the factory is a
 * {@code ProxyFactory<Repository<?>>}, and its proxy keeps the delegate's type argument.
 *
 * @param <T> the interface
 */
public interface ProxyFactory<T> {

    /**
     * The interface whose methods the proxy caches.
     *
     * @return the interface
     */
    Class<T> type();

    /**
     * The generated proxy class, {@code X_Cached}.
     *
     * @return the proxy class
     */
    Class<? extends T> proxyType();

    /**
     * Wraps an implementation of the interface in a new proxy.
     *
     * @param delegate the implementation whose results are cached
     * @param cache the instance that stores them
     * @return the proxy, an instance of {@link #proxyType()}
     * @throws NullPointerException if an argument is {@code null}
     */
    T wrap(T delegate, Cashews cache);

    /**
     * The factories that {@link ServiceLoader} finds with {@code loader}, one per generated
     * proxy, sorted by the name of their interface.
     *
     * @param loader where to look; usually the application's class loader
     * @return the factories, possibly none
     * @throws java.util.ServiceConfigurationError if a listed factory cannot be loaded
     */
    static List<ProxyFactory<?>> installed(ClassLoader loader) {
        List<ProxyFactory<?>> found = new ArrayList<>();
        for (ProxyFactory<?> factory : ServiceLoader.load(ProxyFactory.class, loader)) {
            found.add(factory);
        }
        found.sort(Comparator.comparing(factory -> factory.type().getName()));
        return List.copyOf(found);
    }
}
