package io.cashews.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.cashews.Cashews;
import io.cashews.time.ManualClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class SampleAppTest {

    @Test
    void demoCallsEachServiceOncePerDistinctKey() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ExecutorService remote = Executors.newFixedThreadPool(2);
        ManualClock clock = new ManualClock();
        // background refreshes run at once on the calling thread, so the demo's story is deterministic
        Cashews cache = Cashews.builder().clock(clock).executor(Runnable::run).build();
        cache.setup("mem://");
        try (cache) {
            int serviceCalls = new SampleApp(new PrintStream(bytes, true, StandardCharsets.UTF_8), 20,
                    millis -> clock.advance(Duration.ofMillis(millis)))
                    .run(cache, "mem://", remote);

            // weather: Berlin/C, Berlin/F, Lisbon/C, and the failing blank city twice (failures are
            // not cached); directory: u-1, u-2, and u-3 once for five concurrent requests;
            // rates: first call, one early refresh, one failing call answered by failover, three quotes
            assertThat(serviceCalls).isEqualTo(5 + 3 + 6);
            assertThat(cache.exists("weather:berlin:CELSIUS")).isTrue();
            assertThat(cache.exists("profile:u-3")).isTrue();
        } finally {
            remote.shutdownNow();
        }
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("cache hit").contains("service called")
                .contains("5 results in").contains("the directory was called 1 time(s)")
                .contains("too many quotes for usd");
        assertThat(printed).doesNotContain("IOException: rates upstream unreachable");
        // catalog: page 1 is a hit before the product is added and read again (with it) afterwards
        assertThat(printed).contains("page(tea, 1)").contains("[rooibos, oolong]").contains("tea: 4 products");
        // the meters: weather hits Berlin twice and Lisbon once; misses are the five distinct keys,
        // the blank city twice (failures are not stored); the rates' quota refused once; no meter
        // reads 0 for a strategy that never reports its kind
        assertThat(printed).contains("Meters (cashews-micrometer)")
                .contains("cache.gets {cache=weather:{city:lower}:{unit}, result=hit, strategy=simple} 3")
                .contains("cache.gets {cache=weather:{city:lower}:{unit}, result=miss, strategy=simple} 5")
                .contains("cashews.rejected {cache=rate_limit:quote:{currency:upper}, strategy=rate_limit} 1")
                .doesNotContain("strategy=rate_limit} 0")
                // a function counter prints its count too (nothing is evicted from a cache this small)
                .contains("cache.evictions {cache=all} 0");
    }
}
