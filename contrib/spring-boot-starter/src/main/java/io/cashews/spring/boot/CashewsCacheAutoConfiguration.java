package io.cashews.spring.boot;

import io.cashews.Cashews;
import io.cashews.spring.CashewsCacheManager;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cache.CacheManager;
import org.springframework.context.annotation.Bean;

/**
 * With {@code cashews.spring-cache.enabled=true}, a {@link CashewsCacheManager} on the
 * {@link Cashews} bean becomes the application's {@link CacheManager}, unless it defines one.
 * TTLs come from {@code cashews.spring-cache.ttl.<name>}, {@code ttl.default} for the rest; the
 * caches named in {@code cashews.spring-cache.lock} load once across JVMs. Runs before Boot's own
 * cache auto-configuration, which then backs off.
 *
 * <p>Boot's cache auto-configuration is named, not referenced as a class: it is
 * {@code org.springframework.boot.autoconfigure.cache.CacheAutoConfiguration} in Boot 3.5 and
 * {@code org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration} (spring-boot-cache)
 * in Boot 4, and a class literal of either line would be a missing type on the other.
 */
@AutoConfiguration(after = CashewsAutoConfiguration.class, beforeName = {
        CashewsCacheAutoConfiguration.BOOT_3_CACHE_AUTO_CONFIGURATION,
        CashewsCacheAutoConfiguration.BOOT_4_CACHE_AUTO_CONFIGURATION})
@ConditionalOnClass({CacheManager.class, CashewsCacheManager.class})
@ConditionalOnBean(Cashews.class)
@ConditionalOnProperty(prefix = "cashews.spring-cache", name = "enabled", havingValue = "true")
public class CashewsCacheAutoConfiguration {

    /** Boot 3.5's cache auto-configuration (spring-boot-autoconfigure). */
    static final String BOOT_3_CACHE_AUTO_CONFIGURATION = "org.springframework.boot.autoconfigure.cache.CacheAutoConfiguration";

    /** Boot 4's cache auto-configuration (spring-boot-cache). */
    static final String BOOT_4_CACHE_AUTO_CONFIGURATION = "org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration";

    /** The name under {@code cashews.spring-cache.ttl} that sets the TTL of every other cache. */
    static final String DEFAULT = "default";

    /**
     * Creates the manager.
     *
     * @param cache the instance
     * @param properties {@code cashews.*}
     * @return the manager
     */
    @Bean
    @ConditionalOnMissingBean(CacheManager.class)
    public CashewsCacheManager cacheManager(Cashews cache, CashewsProperties properties) {
        CashewsProperties.SpringCache spring = properties.getSpringCache();
        Map<String, Duration> ttls = spring.getTtl();
        Duration fallback = ttls.getOrDefault(DEFAULT, CashewsCacheManager.DEFAULT_TTL);
        CashewsCacheManager.Builder builder = CashewsCacheManager.builder(cache).defaultTtl(fallback)
                .createOnDemand(spring.isCreateOnDemand());
        ttls.forEach((name, ttl) -> {
            if (!name.equals(DEFAULT)) {
                builder.cache(name, ttl, spring.getLock().contains(name));
            }
        });
        for (String name : spring.getLock()) {
            if (!ttls.containsKey(name)) {
                builder.cache(name, fallback, true);
            }
        }
        return builder.build();
    }
}
