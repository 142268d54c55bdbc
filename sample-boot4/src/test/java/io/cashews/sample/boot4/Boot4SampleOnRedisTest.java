package io.cashews.sample.boot4;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.cashews.CacheEvent;
import io.cashews.Cashews;
import io.cashews.Scope;
import io.cashews.spring.boot.CashewsBoot4HealthIndicator;
import io.cashews.redis.TestRedis;
import io.lettuce.core.RedisClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cache.CacheManager;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Boot 4 sample on a real Redis (the embedded redis-server of runtime-redis' TestRedis, or
 * {@code REDIS_URL}), built with Boot 4's parent as a Boot 4 user builds: Spring Framework 7 and the
 * Lettuce and Caffeine that Boot 4's BOM manages, with the starter compiled against Boot 3.5: the
 * auto-wrapped proxy, the ETag filter, {@code @Cacheable}, and the actuator's {@code cashews}
 * health contributor (Boot 4's types) and endpoint (written by Boot 4's Jackson 3).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "management.endpoint.health.show-details=always")
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
    ForecastService forecasts;

    @Autowired
    PriceService prices;

    @Autowired
    Boot4SampleApplication.Api api;

    @Autowired
    CacheManager cacheManager;

    @Autowired
    ApplicationContext context;

    private final HttpClient client = HttpClient.newHttpClient();

    // The runs of the source behind the auto-wrapped proxy: the proxy's LOAD events.
    private final AtomicInteger loads = new AtomicInteger();
    private Scope listening;

    @BeforeEach
    void emptyTheDatabaseAndCountTheLoads() {
        // This class's own database: a REDIS_URL server keeps keys from an earlier run.
        cache.clear();
        listening = cache.addListener(event -> {
            if (event.kind() == CacheEvent.Kind.LOAD && "forecast:{city}".equals(event.template())) {
                loads.incrementAndGet();
            }
        });
    }

    @AfterEach
    void stopCounting() {
        listening.close();
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
    void theSourceBeanIsAutoWrappedInItsProxyAndInjectedByItsInterface() {
        // The application declares the uncached SlowForecasts only; cashews.proxies.auto wrapped it.
        assertThat(forecasts).isInstanceOf(ForecastService_Cached.class);
        assertThat(context.getBeansOfType(ForecastService.class)).containsOnlyKeys("forecastService");
        assertThat(context.getBeanNamesForType(SlowForecasts.class)).as("one bean, now the proxy").isEmpty();
        int before = loads.get();
        assertThat(forecasts.forecast("oslo")).isEqualTo("sunny in oslo");
        assertThat(forecasts.forecast("oslo")).isEqualTo("sunny in oslo");
        assertThat(loads.get() - before).isEqualTo(1);
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
        int computed = loads.get();
        HttpResponse<String> notModified = get("/forecast/paris", "If-None-Match", etag);
        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
        assertThat(api.handled()).as("a 304 runs no handler").isEqualTo(handled);
        assertThat(loads.get()).isEqualTo(computed);

        cache.delete("forecast:paris");
        HttpResponse<String> changed = get("/forecast/paris", "If-None-Match", etag);
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.body()).isEqualTo("sunny in paris");
        assertThat(api.handled()).isEqualTo(handled + 1);
        assertThat(loads.get()).isEqualTo(computed + 1);
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

    @Test
    void theHealthAndTheEndpointAnswerOverHttpWithoutValues() throws Exception {
        HttpResponse<String> health = get("/actuator/health/cashews");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"", "\"ping\":\"PONG\"", "RedisBackend[redis://");
        assertThat(context.getBean("cashewsHealthIndicator")).isInstanceOf(CashewsBoot4HealthIndicator.class);

        assertThat(get("/forecast/lyon").body()).isEqualTo("sunny in lyon");
        HttpResponse<String> keys = get("/actuator/cashews/keys?pattern=forecast:ly*&limit=10");
        assertThat(keys.statusCode()).isEqualTo(200);
        assertThat(keys.body()).contains("\"key\":\"forecast:lyon\"", "\"limit\":10", "\"truncated\":false")
                .doesNotContain("sunny");
        // Boot 4 takes the parameters marked with Spring's (deprecated) @Nullable as optional: no
        // limit is the default one, and a DELETE by key alone (below) needs no pattern or tag.
        assertThat(get("/actuator/cashews/keys?pattern=forecast:ly*").body()).contains("\"limit\":100", "forecast:lyon");
        assertThat(get("/actuator/cashews/keys").statusCode()).as("no pattern").isEqualTo(400);
        assertThat(get("/actuator/cashews/keys?pattern=forecast:*&limit=0").statusCode()).as("limit below 1").isEqualTo(400);
        assertThat(get("/actuator/cashews").body()).contains("\"backends\"", "\"disabledCommands\":[]");

        HttpResponse<String> deleted = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/cashews?key=forecast:lyon")).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(deleted.body()).contains("\"deleted\":1");
        assertThat(cache.exists("forecast:lyon")).isFalse();
    }

    @Test
    void metricsCountTheProxiedServiceAndTheSpringCacheOverHttp() throws Exception {
        String forecastHits = "/actuator/metrics/cache.gets?tag=cache:forecast:%7Bcity%7D&tag=result:hit";
        String priceHits = "/actuator/metrics/cache.gets?tag=cache:prices&tag=result:hit";
        String priceMisses = "/actuator/metrics/cache.gets?tag=cache:prices&tag=result:miss";
        get("/forecast/nice");
        get("/price/coffee");
        double forecastHitsBefore = count(forecastHits);
        double priceHitsBefore = count(priceHits);
        double priceMissesBefore = count(priceMisses);

        get("/forecast/nice");
        get("/price/coffee");
        get("/price/cocoa");

        // the proxy's own meters (CashewsMetrics, by key template) and the Spring cache's (by cache name)
        assertThat(count(forecastHits)).isEqualTo(forecastHitsBefore + 1);
        assertThat(count(priceHits)).isEqualTo(priceHitsBefore + 1);
        assertThat(count(priceMisses)).isEqualTo(priceMissesBefore + 1);
    }

    /** The COUNT of a meter as the actuator's metrics endpoint reports it. */
    private double count(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        Matcher count = Pattern.compile("\\{\"statistic\":\"COUNT\",\"value\":([0-9.E+-]+)\\}")
                .matcher(response.body());
        assertThat(count.find()).as("%s: %s", path, response.body()).isTrue();
        return Double.parseDouble(count.group(1));
    }
}
