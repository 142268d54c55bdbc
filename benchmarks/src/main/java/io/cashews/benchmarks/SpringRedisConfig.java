package io.cashews.benchmarks;

import java.time.Duration;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Spring wiring for {@link RedisBenchmark}'s Spring Data Redis peer: {@code RedisCacheManager}
 * on a Lettuce connection factory, behind {@code @Cacheable}, with its default value serializer
 * (JDK serialization, as {@code serializer=java}). The server comes from the system properties
 * {@value #HOST_PROPERTY} and {@value #PORT_PROPERTY}, which the benchmark sets before it starts
 * the context.
 */
@Configuration
@EnableCaching
public class SpringRedisConfig {

    /** The system property naming the host of the benchmark's Redis. */
    static final String HOST_PROPERTY = "cashews.benchmark.redis.host";

    /** The system property naming the port of the benchmark's Redis. */
    static final String PORT_PROPERTY = "cashews.benchmark.redis.port";

    /** The service whose calls Spring intercepts. */
    public interface SpringRedisCatalog {
        /**
         * Looks a product up; cached in Redis by Spring.
         *
         * @param sku the product
         * @return the product
         */
        @Cacheable("spring-products")
        Product product(String sku);
    }

    /**
     * The Lettuce connection factory Spring Data Redis uses.
     *
     * @return the factory, started by the context
     */
    @Bean
    public LettuceConnectionFactory redisConnectionFactory() {
        return new LettuceConnectionFactory(new RedisStandaloneConfiguration(System.getProperty(HOST_PROPERTY, "127.0.0.1"),
                Integer.getInteger(PORT_PROPERTY, 6379)));
    }

    /**
     * Spring Data Redis' cache manager, entries for ten minutes as the proxies'.
     *
     * @param factory the connection factory
     * @return the cache manager
     */
    @Bean
    public CacheManager cacheManager(LettuceConnectionFactory factory) {
        return RedisCacheManager.builder(factory)
                .cacheDefaults(RedisCacheConfiguration.defaultCacheConfig().entryTtl(Duration.ofMinutes(10)))
                .build();
    }

    /**
     * The bean behind the cache.
     *
     * @return the catalog
     */
    @Bean
    public SpringRedisCatalog springRedisCatalog() {
        return sku -> new Product(sku, "Product " + sku, sku.length() * 100L);
    }
}
