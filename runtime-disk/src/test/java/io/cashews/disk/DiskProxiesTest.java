package io.cashews.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cashews.Cashews;
import io.cashews.RateLimitException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generated proxies on {@code disk://}, as an application uses them. */
class DiskProxiesTest {

    @TempDir
    Path dir;

    /** Counts its calls; {@code locked} computes only once 64 callers are waiting. */
    static final class CountingReports implements Reports {
        final AtomicInteger calls = new AtomicInteger();
        final CountDownLatch allCalling = new CountDownLatch(64);

        @Override
        public Report report(String id) {
            calls.incrementAndGet();
            return new Report(id, List.of(1, 2, 3));
        }

        @Override
        public CompletableFuture<Report> reportAsync(String id) {
            calls.incrementAndGet();
            return CompletableFuture.completedFuture(new Report(id, List.of(4)));
        }

        @Override
        public String locked(String id) {
            int call = calls.incrementAndGet();
            try {
                allCalling.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return id + "#" + call;
        }

        @Override
        public String limited(String id) {
            return "ok " + id;
        }

        @Override
        public boolean known(String id) {
            calls.incrementAndGet();
            return false;
        }

        @Override
        public boolean remember(String id) {
            return true;
        }
    }

    @Test
    void cachedResultsAreServedFromTheFilesAfterARestart() throws Exception {
        CountingReports service = new CountingReports();
        try (Cashews cache = Cashews.create("disk://" + dir + "?shards=2")) {
            Reports reports = new Reports_Cached(service, cache);
            assertThat(reports.report("a")).isEqualTo(new Reports.Report("a", List.of(1, 2, 3)));
            assertThat(reports.report("a")).isEqualTo(new Reports.Report("a", List.of(1, 2, 3)));
            assertThat(reports.reportAsync("b").get(5, TimeUnit.SECONDS).figures()).containsExactly(4);
            assertThat(reports.reportAsync("b").get(5, TimeUnit.SECONDS).figures()).containsExactly(4);
            assertThat(service.calls).hasValue(2);
        }
        try (Cashews cache = Cashews.create("disk://" + dir + "?shards=2")) {
            Reports reports = new Reports_Cached(service, cache);
            assertThat(reports.report("a").figures()).containsExactly(1, 2, 3);
            assertThat(reports.reportAsync("b").get(5, TimeUnit.SECONDS).id()).isEqualTo("b");
            assertThat(service.calls).as("the second instance reads the first one's files").hasValue(2);
            reports.drop("a");
            reports.report("a");
            assertThat(service.calls).hasValue(3);
        }
    }

    @Test
    void aThousandCallersOnAColdKeyCallTheDelegateOnce() throws Exception {
        CountingReports service = new CountingReports();
        ExecutorService callers = Executors.newFixedThreadPool(64);
        try (Cashews cache = Cashews.create("disk://" + dir)) {
            Reports reports = new Reports_Cached(service, cache);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                results.add(callers.submit(() -> {
                    start.await();
                    service.allCalling.countDown();
                    return reports.locked("cold");
                }));
            }
            start.countDown();
            for (Future<String> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo("cold#1");
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(service.calls).hasValue(1);
    }

    @Test
    void rateLimitsAndBloomFiltersLiveInTheFiles() {
        CountingReports service = new CountingReports();
        try (Cashews cache = Cashews.create("disk://" + dir)) {
            Reports reports = new Reports_Cached(service, cache);
            for (int i = 0; i < 3; i++) {
                assertThat(reports.limited("x")).isEqualTo("ok x");
            }
            assertThatThrownBy(() -> reports.limited("x")).isInstanceOf(RateLimitException.class);
            assertThat(reports.remember("id-1")).isTrue();
        }
        try (Cashews cache = Cashews.create("disk://" + dir)) {
            Reports reports = new Reports_Cached(service, cache);
            assertThatThrownBy(() -> reports.limited("x")).as("the window is in the files").isInstanceOf(RateLimitException.class);
            reports.known("id-1");
            int before = service.calls.get();
            assertThat(reports.known("id-2")).as("certainly absent: the delegate is skipped").isFalse();
            assertThat(service.calls.get()).isEqualTo(before);
        }
    }
}
