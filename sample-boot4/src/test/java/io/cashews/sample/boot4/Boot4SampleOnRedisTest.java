package io.cashews.sample.boot4;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.cashews.Cashews;
import io.cashews.redis.TestRedis;
import io.lettuce.core.RedisClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cache.CacheManager;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Boot 4 sample on a real Redis (the embedded redis-server of runtime-redis' TestRedis, or
 * {@code REDIS_URL}), built with Boot 4's parent as a Boot 4 user builds: Spring Framework 7 and the
 * Lettuce and Caffeine that Boot 4's BOM manages, with the starter compiled against Boot 3.5.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class Boot4SampleOnRedisTest {

    private static final String OPTIONS = "?suppress=false&socket_timeout=10";

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry properties) {
        String url = TestRedis.url(1) + OPTIONS;
        properties.add("cashews.url", () -> url);
    }

    @LocalServerPort
    int port;

    @Autowired
    Cashews cache;

    @Autowired
    SlowForecasts source;

    @Autowired
    ForecastService forecasts;

    @Autowired
    PriceService prices;

    @Autowired
    Boot4SampleApplication.Api api;

    @Autowired
    CacheManager cacheManager;

    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void emptyTheDatabase() {
        // This class's own database: a REDIS_URL server keeps keys from an earlier run.
        cache.clear();
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void itRunsOnBoot4AndOnTheLettuceAndCaffeineItsBomManages() {
        // The versions Boot 4's parent declares (lettuce.version, caffeine.version), handed over by
        // surefire, against the jars actually loaded.
        assertThat(SpringBootVersion.getVersion()).startsWith("4.0.");
        assertThat(jarOf(RedisClient.class)).isEqualTo("lettuce-core-" + System.getProperty("boot.lettuce.version") + ".jar");
        assertThat(jarOf(Caffeine.class)).isEqualTo("caffeine-" + System.getProperty("boot.caffeine.version") + ".jar");
        assertThat(cache.ping()).isNotBlank();
    }

    private static String jarOf(Class<?> type) {
        String path = type.getProtectionDomain().getCodeSource().getLocation().getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    @Test
    void theProxyIsInjectedByItsInterface() {
        assertThat(forecasts).isInstanceOf(ForecastService_Cached.class);
        int before = source.calls();
        assertThat(forecasts.forecast("oslo")).isEqualTo("sunny in oslo");
        assertThat(forecasts.forecast("oslo")).isEqualTo("sunny in oslo");
        assertThat(source.calls() - before).isEqualTo(1);
        assertThat(cache.getExpire("forecast:oslo")).isBetween(590L, 600L);
    }

    @Test
    void aProxiedServiceServesHttpThroughTheEtagFilter() throws Exception {
        HttpResponse<String> first = get("/forecast/paris");
        HttpResponse<String> second = get("/forecast/paris");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEqualTo("sunny in paris");
        assertThat(second.body()).isEqualTo("sunny in paris");
        assertThat(cache.<String>get("forecast:paris")).isEqualTo("sunny in paris");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).startsWith("\"").endsWith("\"");
        assertThat(second.headers().firstValue("ETag")).contains(etag);
        assertThat(second.headers().firstValue("Cache-Control")).isPresent().get().asString().startsWith("private, max-age=");

        int handled = api.handled();
        int computed = source.calls();
        HttpResponse<String> notModified = get("/forecast/paris", "If-None-Match", etag);
        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
        assertThat(api.handled()).as("a 304 runs no handler").isEqualTo(handled);
        assertThat(source.calls()).isEqualTo(computed);

        cache.delete("forecast:paris");
        HttpResponse<String> changed = get("/forecast/paris", "If-None-Match", etag);
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.body()).isEqualTo("sunny in paris");
        assertThat(api.handled()).isEqualTo(handled + 1);
        assertThat(source.calls()).isEqualTo(computed + 1);
    }

    @Test
    void cacheableUsesTheCashewsCacheManagerOnRedis() throws Exception {
        assertThat(cacheManager.getClass().getSimpleName()).isEqualTo("CashewsCacheManager");
        int before = prices.calls();
        assertThat(get("/price/tea").body()).isEqualTo("10 EUR for tea");
        assertThat(get("/price/tea").body()).isEqualTo("10 EUR for tea");
        assertThat(prices.calls() - before).isEqualTo(1);
        assertThat(cache.<String>get("prices:tea")).isEqualTo("10 EUR for tea");
        assertThat(cache.getExpire("prices:tea")).isBetween(290L, 300L);
    }
}
