package io.cashews.benchmarks;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Spring wiring for the {@code @Cacheable} baseline: a Caffeine cache configured like mem://. */
@Configuration
@EnableCaching
public class SpringCacheConfig {

    /** Caffeine behind Spring's cache abstraction, bounded and expiring like the other caches. */
    @Bean
    public CacheManager cacheManager() {
        CaffeineCacheManager manager = new CaffeineCacheManager("items");
        manager.setCaffeine(Caffeine.newBuilder()
                .maximumSize(HitBenchmark.CACHE_SIZE)
                .expireAfterWrite(Duration.ofMinutes(10)));
        return manager;
    }

    /** The bean whose calls Spring intercepts. */
    @Bean
    public SpringCatalog springCatalog() {
        return new CatalogSource();
    }
}
