package io.cashews.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.cashews.Cashews;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The three filters in a real Jetty in front of generated proxies, on one backend per subclass:
 * the cases of SPEC §16 and hostile headers.
 */
abstract class FiltersContract {

    Cashews cache;
    CatalogSource source;
    Catalog catalog;
    CatalogServlet servlet;
    WebApp app;

    /** A fresh, empty instance on the backend under test. */
    abstract Cashews newCache();

    /** Makes the key expire now, as its TTL running out would. */
    abstract void expireNow(String key) throws Exception;

    @BeforeEach
    void start() throws Exception {
        cache = newCache();
        source = new CatalogSource();
        catalog = new Catalog_Cached(source, cache);
        servlet = new CatalogServlet(catalog);
        app = WebApp.start(servlet, new CashewsClearSiteDataFilter(cache), new CashewsCacheControlFilter(cache),
                new CashewsEtagFilter(cache));
    }

    @AfterEach
    void stop() throws Exception {
        app.close();
        cache.close();
    }

    private String etagOf(String path) throws Exception {
        HttpResponse<String> response = app.get(path);
        assertThat(response.statusCode()).isEqualTo(200);
        return response.headers().firstValue("ETag").orElseThrow();
    }

    // ---------------------------------------------------------------- ETags

    @Test
    void aRepeatedRequestGetsTheSameQuotedEtag() throws Exception {
        String first = etagOf("/items/a");
        String second = etagOf("/items/a");

        assertThat(first).isEqualTo(second).matches("\"[A-Za-z0-9_-]+\"");
        assertThat(source.loads).hasValue(1);
        assertThat(etagOf("/items/b")).isNotEqualTo(first);
    }

    @Test
    void aMatchingIfNoneMatchIsA304WithoutRunningTheHandler() throws Exception {
        String etag = etagOf("/items/a");
        int handled = servlet.handled.get();

        for (String condition : List.of(etag, "W/" + etag, "\"other\", " + etag, "*", "\"x\",W/" + etag + " ,\"y\"")) {
            HttpResponse<String> response = app.get("/items/a", "If-None-Match", condition);
            assertThat(response.statusCode()).as(condition).isEqualTo(304);
            assertThat(response.headers().firstValue("ETag")).as(condition).contains(etag);
            assertThat(response.body()).isEmpty();
        }
        assertThat(servlet.handled).hasValue(handled);
        assertThat(app.get("/items/a", "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);
        assertThat(app.get("/items/a?page=2", "If-None-Match", etag).statusCode())
                .as("another query is another resource").isEqualTo(200);
    }

    /**
     * A record result is stored sealed with its fingerprint and read back without it: the ETag of
     * the response that stored it must still match what a later request reads (it did not, so
     * such responses were never answered 304 after the first miss).
     */
    @Test
    void theEtagOfAResponseThatStoredARecordStillMatchesOnRevalidation() throws Exception {
        String stored = etagOf("/records/a");
        int handled = servlet.handled.get();

        assertThat(app.get("/records/a", "If-None-Match", stored).statusCode()).isEqualTo(304);
        assertThat(servlet.handled).hasValue(handled);
        assertThat(etagOf("/records/a")).as("the hit gives the same ETag").isEqualTo(stored);
    }

    @Test
    void afterAnInvalidationTheResponseIsA200WithANewEtag() throws Exception {
        String before = etagOf("/items/a");
        source.change("a", "item a, repriced");
        catalog.changed("a");

        HttpResponse<String> response = app.get("/items/a", "If-None-Match", before);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("item a, repriced");
        assertThat(response.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(before);
    }

    @Test
    void aValueReplacedUnderTheSameKeyIsNeverAStale304() throws Exception {
        String before = etagOf("/items/a");
        // Another writer (another instance, a job) stores a new value: the key still exists.
        cache.set("item:a", "written elsewhere", java.time.Duration.ofMinutes(10));

        HttpResponse<String> response = app.get("/items/a", "If-None-Match", before);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("written elsewhere");
        String after = response.headers().firstValue("ETag").orElseThrow();
        assertThat(after).isNotEqualTo(before);
        assertThat(app.get("/items/a", "If-None-Match", after).statusCode()).isEqualTo(304);
    }

    @Test
    void afterExpiryTheResponseIsA200() throws Exception {
        String before = etagOf("/items/a");
        source.change("a", "item a, reloaded");
        expireNow("item:a");

        HttpResponse<String> response = app.get("/items/a", "If-None-Match", before);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("item a, reloaded");
    }

    @Test
    void afterATagDeletionTheResponseIsA200() throws Exception {
        String before = etagOf("/items/a");
        cache.deleteTags("shelf:a");

        HttpResponse<String> response = app.get("/items/a", "If-None-Match", before);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(source.loads).hasValue(2);
    }

    @Test
    void headIsAnsweredAsGetIs() throws Exception {
        HttpResponse<String> head = app.send("HEAD", "/items/a");
        assertThat(head.statusCode()).isEqualTo(200);
        String etag = head.headers().firstValue("ETag").orElseThrow();
        assertThat(head.body()).isEmpty();

        assertThat(app.send("HEAD", "/items/a", "If-None-Match", etag).statusCode()).isEqualTo(304);
        assertThat(app.get("/items/a", "If-None-Match", etag).statusCode()).isEqualTo(304);
    }

    @Test
    void hostileIfNoneMatchHeadersAreIgnored() throws Exception {
        String etag = etagOf("/items/a");
        String huge = (etag + ", ").repeat(100 * 1024 / (etag.length() + 2));
        for (String condition : List.of(huge, "garbage", "\"unterminated", "W/", "\"a\" \"b\"x", "\"a b\"", "W/\"" + "\\" + "\"")) {
            HttpResponse<String> response = app.get("/items/a", "If-None-Match", condition);
            assertThat(response.statusCode()).as(condition.substring(0, Math.min(20, condition.length()))).isEqualTo(200);
            assertThat(response.body()).isEqualTo("item a");
        }
    }

    @Test
    void aResponseThatReadNothingCachedGetsNoEtag() throws Exception {
        HttpResponse<String> response = app.get("/plain");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("ETag")).isEmpty();
        assertThat(app.get("/plain", "If-None-Match", "*").statusCode()).isEqualTo(200);
    }

    @Test
    void dataReadAfterTheBodyStartedIsNeverAnsweredWith304() throws Exception {
        String etag = etagOf("/late/a");
        int handled = servlet.handled.get();

        assertThat(app.get("/late/a", "If-None-Match", etag).statusCode()).isEqualTo(200);
        assertThat(servlet.handled).hasValue(handled + 1);
    }

    @Test
    void anEtagTheHandlerSetIsKept() throws Exception {
        HttpResponse<String> response = app.get("/own-etag/a");

        assertThat(response.headers().allValues("ETag")).containsExactly("\"mine\"");
        assertThat(app.get("/own-etag/a", "If-None-Match", "\"mine\"").statusCode()).isEqualTo(200);
    }

    @Test
    void aTenMegabyteBodyStreamsThroughWithoutBeingBuffered() throws Exception {
        AtomicLong allocated = new AtomicLong();
        try (WebApp measured = WebApp.start(servlet, new AllocationProbe(allocated), new CashewsCacheControlFilter(cache),
                new CashewsEtagFilter(cache))) {
            HttpResponse<InputStream> response = measured.stream("/big/a");
            long received = 0;
            byte[] buffer = new byte[65536];
            try (InputStream body = response.body()) {
                for (int n; (n = body.read(buffer)) >= 0; ) {
                    received += n;
                }
            }

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("ETag")).isPresent();
            assertThat(received).isEqualTo(CatalogServlet.BIG + "item a".length());
        }
        // Buffering the body would allocate at least its 10 MiB on the request's thread; streaming it
        // allocated 1.3 MiB here (Jetty's and the JDK's own per-request objects included).
        assertThat(allocated.get()).as("bytes allocated while the request ran").isLessThan(4L * 1024 * 1024);
    }

    @Test
    void concurrentRequestsForOneUrlAgreeOnTheEtag() throws Exception {
        String etag = etagOf("/items/a");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<HttpResponse<String>>> responses = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                boolean conditional = i % 2 == 0;
                responses.add(pool.submit(() -> conditional ? app.get("/items/a", "If-None-Match", etag) : app.get("/items/a")));
            }
            for (int i = 0; i < responses.size(); i++) {
                HttpResponse<String> response = responses.get(i).get();
                assertThat(response.statusCode()).isEqualTo(i % 2 == 0 ? 304 : 200);
                assertThat(response.headers().firstValue("ETag")).contains(etag);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(source.loads).hasValue(1);
    }

    // ---------------------------------------------------------------- Cache-Control

    @Test
    void noCacheRunsTheDelegateAndStoresTheFreshValue() throws Exception {
        app.get("/items/a");
        source.change("a", "item a, fresh");

        HttpResponse<String> fresh = app.get("/items/a", "Cache-Control", "No-Cache");

        assertThat(fresh.body()).isEqualTo("item a, fresh");
        assertThat(source.loads).hasValue(2);
        assertThat(app.get("/items/a").body()).isEqualTo("item a, fresh");
        assertThat(source.loads).hasValue(2);
    }

    @Test
    void noStoreAndMaxAgeZeroNeitherReadNorStore() throws Exception {
        for (String directive : List.of("no-store", "max-age=0", "MAX-AGE=\"0\"")) {
            app.get("/items/a", "Cache-Control", directive);
            app.get("/items/a", "Cache-Control", directive);
        }
        assertThat(source.loads).hasValue(6);
        assertThat(cache.exists("item:a")).isFalse();
    }

    @Test
    void maxAgeCapsTheTtlOfWhatTheRequestStores() throws Exception {
        app.get("/items/a", "Cache-Control", "max-age=5");
        app.get("/prices/p", "Cache-Control", "private, max-age=5");
        app.get("/prices/q");

        assertThat(cache.getExpire("item:a")).isBetween(1L, 5L);
        assertThat(cache.getExpire("price:p")).as("through CacheControlTtl").isBetween(1L, 5L);
        assertThat(cache.getExpire("price:q")).isBetween(3_500L, 3_600L);
    }

    @Test
    void aResponseFromHitsSaysHowFreshItIs() throws Exception {
        HttpResponse<String> miss = app.get("/items/a");
        HttpResponse<String> hit = app.get("/items/a");

        assertThat(miss.headers().firstValue("Cache-Control")).contains("no-cache");
        assertThat(hit.headers().firstValue("Cache-Control")).isPresent().get().asString()
                .matches("private, max-age=(59\\d|600)");
        assertThat(hit.headers().firstValue("Age")).isPresent().get().asString().matches("\\d");
        assertThat(app.get("/plain").headers().firstValue("Cache-Control")).contains("no-cache");
    }

    @Test
    void hostileCacheControlIsIgnoredOrCapped() throws Exception {
        for (String directive : List.of("max-age=-1", "max-age=99999999999", "max-age=999999999999999999999999",
                "no-cache;;==,,max-age=abc", "max-age", "=,=,=", "x".repeat(100 * 1024))) {
            cache.clear();
            HttpResponse<String> response = app.get("/items/a", "Cache-Control", directive);
            assertThat(response.statusCode()).as(directive.substring(0, Math.min(30, directive.length()))).isEqualTo(200);
            assertThat(cache.getExpire("item:a")).as(directive.substring(0, Math.min(30, directive.length())))
                    .isBetween(590L, 600L);
        }
    }

    // ---------------------------------------------------------------- Clear-Site-Data

    @Test
    void clearSiteDataCacheRecomputesWhatTheRequestReads() throws Exception {
        app.get("/items/a");
        int loads = 1;
        for (String trigger : List.of("\"cache\"", "\"cookies\", \"cache\"", "*", "CACHE")) {
            source.change("a", "item a, " + trigger);
            HttpResponse<String> response = app.get("/items/a", "Clear-Site-Data", trigger);
            assertThat(response.body()).as(trigger).isEqualTo("item a, " + trigger);
            assertThat(source.loads).hasValue(++loads);
            assertThat(app.get("/items/a").body()).as("stored again").isEqualTo("item a, " + trigger);
            assertThat(source.loads).hasValue(loads);
        }
        source.change("a", "not read");
        assertThat(app.get("/items/a", "Clear-Site-Data", "\"cookies\"").body()).isEqualTo("item a, CACHE");
        assertThat(app.get("/items/a", "Clear-Site-Data", "cache-control").body()).isEqualTo("item a, CACHE");
    }

    /** Counts what the request's thread allocates while the rest of the chain runs. */
    private static final class AllocationProbe implements Filter {
        private final AtomicLong allocated;

        AllocationProbe(AtomicLong allocated) {
            this.allocated = allocated;
        }

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long id = Thread.currentThread().getId();
            long before = threads.getThreadAllocatedBytes(id);
            chain.doFilter(request, response);
            allocated.set(threads.getThreadAllocatedBytes(id) - before);
        }
    }
}
