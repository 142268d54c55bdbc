package io.cashews.spring.boot;

import io.cashews.Cashews;
import io.cashews.ProxyFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.config.SmartInstantiationAwareBeanPostProcessor;
import org.springframework.core.Ordered;

/**
 * Replaces every bean that implements an interface with a generated Cashews proxy by that proxy
 * around it ({@code cashews.proxies.auto}, on by default): the application keeps one bean, now
 * caching, injected by its interface type. The proxies are the ones the processor listed in
 * {@code META-INF/services/io.cashews.ProxyFactory} (next to its index
 * {@code META-INF/cashews/proxies}), found once by {@link java.util.ServiceLoader} with the bean
 * class loader; a proxy is made by its factory, without reflection or class-path scanning.
 *
 * <ul>
 *   <li>A bean that already is a proxy ({@code @Bean UserService users(...) { return new
 *       UserService_Cached(...); }}) is left as it is, so nothing is cached twice.</li>
 *   <li>A bean whose interfaces with proxies are related (one extends the other) gets the proxy of
 *       the most specific one, which implements them all. A bean implementing two unrelated ones
 *       fails the context with a message naming both: one proxy cannot implement both interfaces,
 *       and dropping either would break the injection points of the other. Split the class, or set
 *       {@code cashews.proxies.auto=false} and declare the proxies as beans.</li>
 *   <li>The bean's type as the context predicts it is the proxy's, so that an injection point of
 *       the implementation class is reported as unsatisfied rather than failing on the wrong type;
 *       inject the interface.</li>
 *   <li>The target of a scoped proxy ({@code scopedTarget.*}) is left alone: the scoped proxy
 *       itself, which implements the interface, is wrapped once.</li>
 *   <li>A bean exposed early for a circular reference is wrapped then, and only then.</li>
 * </ul>
 *
 * <p>Registered by {@link CashewsAutoConfiguration} as a static bean; the {@link Cashews} bean is
 * looked up on the first wrap, so this post-processor does not create it early.
 */
public class CashewsProxyBeanPostProcessor implements SmartInstantiationAwareBeanPostProcessor, BeanClassLoaderAware, Ordered {

    private final Supplier<Cashews> cache;
    private volatile @Nullable List<ProxyFactory<?>> factories;
    private @Nullable ClassLoader classLoader;
    // Beans handed out early for a circular reference, already wrapped then.
    private final Map<String, Object> early = new ConcurrentHashMap<>();

    /**
     * Creates the post-processor.
     *
     * @param cache the instance the proxies store in; asked for on the first wrap
     */
    public CashewsProxyBeanPostProcessor(Supplier<Cashews> cache) {
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    /**
     * Creates the post-processor over given factories instead of those {@link java.util.ServiceLoader}
     * finds.
     *
     * @param cache the instance the proxies store in; asked for on the first wrap
     * @param factories the proxies that may wrap beans
     */
    public CashewsProxyBeanPostProcessor(Supplier<Cashews> cache, List<ProxyFactory<?>> factories) {
        this(cache);
        this.factories = List.copyOf(factories);
    }

    @Override
    public void setBeanClassLoader(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    /** Runs after the other post-processors, so that it wraps what they made (an AOP proxy, say). */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /**
     * The factories in use: those given, else those found with the bean class loader.
     *
     * @return the factories, sorted by interface name
     */
    public List<ProxyFactory<?>> factories() {
        List<ProxyFactory<?>> found = factories;
        if (found == null) {
            ClassLoader loader = classLoader != null ? classLoader : CashewsProxyBeanPostProcessor.class.getClassLoader();
            found = ProxyFactory.installed(loader);
            factories = found;
        }
        return found;
    }

    @Override
    public @Nullable Class<?> predictBeanType(Class<?> beanClass, String beanName) {
        if (ScopedProxyUtils.isScopedTarget(beanName)) {
            return null;
        }
        List<ProxyFactory<?>> matching = matching(beanClass);
        if (matching == null) {
            return null;
        }
        ProxyFactory<?> chosen = mostSpecific(matching);
        // Unrelated interfaces: left to postProcessAfterInitialization, which explains the failure.
        return chosen == null ? null : chosen.proxyType();
    }

    @Override
    public Object getEarlyBeanReference(Object bean, String beanName) throws BeansException {
        early.put(beanName, bean);
        return wrapIfIndexed(bean, beanName);
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
        // The early reference (wrapped) is what the context keeps when the bean is unchanged.
        if (early.remove(beanName) == bean) {
            return bean;
        }
        return wrapIfIndexed(bean, beanName);
    }

    private Object wrapIfIndexed(Object bean, String beanName) {
        if (ScopedProxyUtils.isScopedTarget(beanName)) {
            return bean;
        }
        List<ProxyFactory<?>> matching = matching(bean.getClass());
        if (matching == null || matching.isEmpty()) {
            return bean;
        }
        ProxyFactory<?> chosen = mostSpecific(matching);
        if (chosen == null) {
            throw new BeanCreationException(beanName, "bean '" + beanName + "' of " + bean.getClass().getName()
                    + " implements " + names(matching) + ", each with a Cashews proxy, and one proxy cannot implement them all"
                    + "; split the class into one bean per interface, or set cashews.proxies.auto=false and declare"
                    + " each proxy as a bean (new X_Cached(delegate, cashews))");
        }
        return wrap(chosen, bean);
    }

    // The factories whose interface the class implements, or null when the class already is a proxy.
    private @Nullable List<ProxyFactory<?>> matching(Class<?> type) {
        List<ProxyFactory<?>> matching = new ArrayList<>();
        for (ProxyFactory<?> factory : factories()) {
            if (factory.proxyType().isAssignableFrom(type)) {
                return null;
            }
            if (factory.type().isAssignableFrom(type)) {
                matching.add(factory);
            }
        }
        return matching;
    }

    private <T> T wrap(ProxyFactory<T> factory, Object bean) {
        return factory.wrap(factory.type().cast(bean), cache.get());
    }

    // The interface that extends every other one, if there is one: its proxy implements them all.
    private static @Nullable ProxyFactory<?> mostSpecific(List<ProxyFactory<?>> matching) {
        for (ProxyFactory<?> candidate : matching) {
            boolean extendsAll = true;
            for (ProxyFactory<?> other : matching) {
                extendsAll &= other.type().isAssignableFrom(candidate.type());
            }
            if (extendsAll) {
                return candidate;
            }
        }
        return null;
    }

    private static String names(List<ProxyFactory<?>> factories) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < factories.size(); i++) {
            text.append(i == 0 ? "" : i == factories.size() - 1 ? " and " : ", ").append(factories.get(i).type().getName());
        }
        return text.toString();
    }
}
