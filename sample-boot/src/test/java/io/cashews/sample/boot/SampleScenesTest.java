package io.cashews.sample.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.cashews.Cashews;
import io.cashews.sample.SampleSources;
import io.cashews.sample.WeatherService;
import io.cashews.sample.WeatherService_Cached;
import io.cashews.time.ManualClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.ActiveProfiles;

/**
 * The core sample's scenes, played by the Boot application with the {@code scenes} profile: the
 * same story as the core sample's own test, told by beans the starter replaced by their proxies.
 * A manual clock and an inline executor make it deterministic, as there.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ActiveProfiles("scenes")
class SampleScenesTest {

    private static final ByteArrayOutputStream PRINTED = new ByteArrayOutputStream();

    @TestConfiguration(proxyBeanMethods = false)
    static class OnAManualClock {
        private final ManualClock clock = new ManualClock();

        @Bean(destroyMethod = "close")
        Cashews cashews() {
            // background refreshes run at once on the calling thread, so the story is deterministic
            Cashews cache = Cashews.builder().clock(clock).executor(Runnable::run).build();
            cache.setup("mem://");
            return cache;
        }

        @Bean
        SampleScenes.Settings settings() {
            return new SampleScenes.Settings(new PrintStream(PRINTED, true, StandardCharsets.UTF_8), 20,
                    millis -> clock.advance(Duration.ofMillis(millis)));
        }
    }

    @Autowired
    WeatherService weather;

    @Autowired
    SampleSources sources;

    @Autowired
    Cashews cache;

    @Test
    void theScenesRunOnTheProxiesTheStarterMadeOfTheBeans() {
        assertThat(weather).isInstanceOf(WeatherService_Cached.class);
        // weather 5, directory 3, rates 6: the numbers of the core sample's own test
        assertThat(sources.calls()).isEqualTo(5 + 3 + 6);
        assertThat(cache.exists("weather:berlin:CELSIUS")).isTrue();
        assertThat(cache.exists("profile:u-3")).isTrue();

        String printed = PRINTED.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("Cashews sample on mem://").contains("cache hit").contains("service called")
                .contains("the directory was called 1 time(s)").contains("too many quotes for usd")
                .contains("[rooibos, oolong]").contains("tea: 4 products")
                .contains("cache.gets {cache=weather:{city:lower}:{unit}, result=hit, strategy=simple} 3");
        assertThat(printed).doesNotContain("IOException: rates upstream unreachable");
    }
}
