package io.cashews.spring.boot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code cashews.*} properties.
 * <pre>
 * cashews.url=redis://localhost:6379?client_side=true
 * cashews.backends.sessions.url=mem://?size=10000     # keys starting with "sessions"
 * cashews.spring-cache.enabled=true
 * cashews.spring-cache.ttl.default=10m
 * cashews.spring-cache.ttl.users=1h
 * cashews.web.etag.enabled=true
 * </pre>
 */
@ConfigurationProperties("cashews")
public class CashewsProperties {

    /** Whether to create the Cashews instance at all. */
    private boolean enabled = true;

    /** The URL of the default backend, for keys no other backend's prefix matches. */
    private String url = "mem://";

    /** More backends, by the key prefix they serve (the longest matching prefix wins). */
    private Map<String, Backend> backends = new LinkedHashMap<>();

    /** Spring's cache abstraction ({@code @Cacheable}) on the Cashews instance. */
    private final SpringCache springCache = new SpringCache();

    /** The servlet filters of cashews-servlet. */
    private final Web web = new Web();

    /** Beans wrapped in their generated proxies. */
    private final Proxies proxies = new Proxies();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public Map<String, Backend> getBackends() {
        return backends;
    }

    public void setBackends(Map<String, Backend> backends) {
        this.backends = backends;
    }

    public SpringCache getSpringCache() {
        return springCache;
    }

    public Web getWeb() {
        return web;
    }

    public Proxies getProxies() {
        return proxies;
    }

    /** {@code cashews.proxies.*}. */
    public static class Proxies {

        /**
         * Whether a bean implementing an interface with a generated Cashews proxy is replaced by
         * that proxy around it (injected by its interface type).
         */
        private boolean auto = true;

        public boolean isAuto() {
            return auto;
        }

        public void setAuto(boolean auto) {
            this.auto = auto;
        }
    }

    /** One more backend. */
    public static class Backend {

        /** The backend's URL, such as {@code redis://cache:6379} or {@code disk://?directory=/var/cache/app}. */
        private @Nullable String url;

        public @Nullable String getUrl() {
            return url;
        }

        public void setUrl(@Nullable String url) {
            this.url = url;
        }
    }

    /** {@code cashews.spring-cache.*}. */
    public static class SpringCache {

        /** Whether a CashewsCacheManager becomes the application's CacheManager (unless it has one). */
        private boolean enabled;

        /**
         * TTLs of Spring caches by name; {@code default} is the TTL of every other cache (one hour
         * when not set).
         */
        private Map<String, Duration> ttl = new LinkedHashMap<>();

        /** Spring caches whose sync = true loads run once across JVMs, under a Cashews lock. */
        private List<String> lock = new ArrayList<>();

        /** Whether caches not named under ttl are created on first use. */
        private boolean createOnDemand = true;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Map<String, Duration> getTtl() {
            return ttl;
        }

        public void setTtl(Map<String, Duration> ttl) {
            this.ttl = ttl;
        }

        public List<String> getLock() {
            return lock;
        }

        public void setLock(List<String> lock) {
            this.lock = lock;
        }

        public boolean isCreateOnDemand() {
            return createOnDemand;
        }

        public void setCreateOnDemand(boolean createOnDemand) {
            this.createOnDemand = createOnDemand;
        }
    }

    /** {@code cashews.web.*}. */
    public static class Web {

        /** Where the enabled filters apply. */
        private List<String> urlPatterns = new ArrayList<>(List.of("/*"));

        /** CashewsEtagFilter: ETags from what the cache served, 304 while that data is unchanged. */
        private final Toggle etag = new Toggle();

        /** CashewsCacheControlFilter: the request's Cache-Control decides what the cache does. */
        private final Toggle cacheControl = new Toggle();

        /** CashewsClearSiteDataFilter: Clear-Site-Data: "cache" recomputes what a request reads. */
        private final Toggle clearSiteData = new Toggle();

        public List<String> getUrlPatterns() {
            return urlPatterns;
        }

        public void setUrlPatterns(List<String> urlPatterns) {
            this.urlPatterns = urlPatterns;
        }

        public Toggle getEtag() {
            return etag;
        }

        public Toggle getCacheControl() {
            return cacheControl;
        }

        public Toggle getClearSiteData() {
            return clearSiteData;
        }
    }

    /** A filter that is off unless enabled. */
    public static class Toggle {

        /** Whether the filter is registered. */
        private boolean enabled;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }
}
