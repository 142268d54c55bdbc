package io.cashews;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cashews.spi.Backend;
import io.cashews.time.CacheClock;
import io.cashews.time.ManualClock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class SetupTest {

    @Test
    void createSetsUpMemoryBackend() {
        try (Cashews cache = Cashews.create("mem://")) {
            cache.set("k", "v");
            assertThat(cache.<Object>get("k")).isEqualTo("v");
        }
    }

    @Test
    void newInstanceUsesSystemClockAndAnExecutor() {
        Cashews cache = new Cashews();
        assertThat(cache.clock()).isSameAs(CacheClock.coarse());
        assertThat(cache.executor()).isNotNull();
    }

    @Test
    void builderInjectsClockAndExecutor() {
        ManualClock clock = new ManualClock();
        Executor direct = Runnable::run;
        Cashews cache = Cashews.builder().clock(clock).executor(direct).build();
        assertThat(cache.clock()).isSameAs(clock);
        assertThat(cache.executor()).isSameAs(direct);
    }

    @Test
    void commandsBeforeSetupThrowNotConfigured() {
        Cashews cache = new Cashews();
        assertThatThrownBy(() -> cache.get("k")).isInstanceOf(NotConfiguredException.class)
                .hasMessageContaining("setup");
        assertThatThrownBy(() -> cache.set("k", 1)).isInstanceOf(NotConfiguredException.class);
        assertThatThrownBy(() -> cache.getKeysCount()).isInstanceOf(NotConfiguredException.class);
        assertThat(cache.async().get("k")).isCompletedExceptionally();
    }

    @Test
    void defaultCacheExistsFromTheStartButIsNotSetUp() {
        assertThat(Cashews.defaultCache()).isSameAs(Cashews.defaultCache());
        assertThatThrownBy(() -> Cashews.defaultCache().get("probe"))
                .isInstanceOf(NotConfiguredException.class)
                .hasMessageContaining("defaultCache");
    }

    @Test
    void malformedUrlIsRejected() {
        Cashews cache = new Cashews();
        assertThatThrownBy(() -> cache.setup("localhost:6379")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("localhost:6379");
        assertThatThrownBy(() -> cache.setup("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache.setup("1mem://")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scheme");
    }

    @Test
    void unknownSchemeListsKnownOnesAndNamesTheModule() {
        Cashews cache = new Cashews();
        assertThatThrownBy(() -> cache.setup("redis://localhost:6379"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'redis'")
                .hasMessageContaining("cashews-runtime-redis")
                .hasMessageContaining("known schemes: mem");
        assertThatThrownBy(() -> cache.setup("rediss://host"))
                .hasMessageContaining("cashews-runtime-redis");
        assertThatThrownBy(() -> cache.setup("disk://?directory=/tmp"))
                .hasMessageContaining("cashews-runtime-disk");
        assertThatThrownBy(() -> cache.setup("foo://"))
                .hasMessageContaining("'foo'")
                .hasMessageContaining("mem");
    }

    @Test
    void unknownOptionIsRejectedNamingIt() {
        Cashews cache = new Cashews();
        assertThatThrownBy(() -> cache.setup("mem://?sise=10"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'sise'")
                .hasMessageContaining("did you mean 'size'?");
        assertThatThrownBy(() -> cache.setup("mem://", Map.of("checkInterval", 1)))
                .hasMessageContaining("'checkInterval'")
                .hasMessageContaining("known options: check_interval, compress_max_size, compress_min_size, compress_type, copy,"
                        + " decode_memo_size, digestmod, disable, enable, secret, serializer, serializer_allow, serializer_max_depth, size");
    }

    @Test
    void illTypedOptionIsRejectedNamingIt() {
        Cashews cache = new Cashews();
        assertThatThrownBy(() -> cache.setup("mem://?size=big"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'size'").hasMessageContaining("big");
        assertThatThrownBy(() -> cache.setup("mem://?size=0")).hasMessageContaining("'size'");
        assertThatThrownBy(() -> cache.setup("mem://?check_interval=soon")).hasMessageContaining("'check_interval'");
        assertThatThrownBy(() -> cache.setup("mem://?enable=yes")).hasMessageContaining("'enable'");
        assertThatThrownBy(() -> cache.setup("mem://", Map.of("size", "x"))).hasMessageContaining("'size'");
    }

    @Test
    void mapOptionsWinOverUrlOptions() {
        Cashews cache = Cashews.builder().executor(Runnable::run).build();
        cache.setup("mem://?size=bad", Map.of("size", 2, "check_interval", "0"));
        cache.set("a", 1);
        cache.set("b", 2);
        cache.set("c", 3);
        assertThat(cache.getKeysCount()).isLessThanOrEqualTo(2);
        cache.close();
    }

    @Test
    void disableOptionStartsBackendDisabled() {
        try (Cashews cache = Cashews.create("mem://?disable=true")) {
            assertThat(cache.set("k", "v")).isFalse();
            assertThat(cache.<Object>get("k")).isNull();
        }
        try (Cashews cache = Cashews.create("mem://?enable=0")) {
            assertThat(cache.set("k", "v")).isFalse();
        }
        try (Cashews cache = Cashews.create("mem://?enable=1&disable=false")) {
            assertThat(cache.set("k", "v")).isTrue();
        }
    }

    @Test
    void setupAgainReplacesBackend() {
        Cashews cache = Cashews.create("mem://");
        cache.set("k", "v");
        cache.setup("mem://");
        assertThat(cache.exists("k")).isFalse();
        cache.close();
    }

    @Test
    void closeForgetsBackends() {
        Cashews cache = Cashews.create("mem://");
        cache.close();
        assertThatThrownBy(() -> cache.get("k")).isInstanceOf(NotConfiguredException.class);
        cache.setup("mem://");
        assertThat(cache.set("k", "v", Duration.ofSeconds(1))).isTrue();
    }

    @Test
    void setupReturnsTheBackend() {
        Cashews cache = new Cashews();
        Backend backend = cache.setup("mem://");
        cache.set("k", "v");
        assertThat(backend.get("k")).isEqualTo("v");
        assertThat(backend.ping()).isEqualTo("PONG");
    }

    @Test
    void exceptionsAreUncheckedCacheExceptions() {
        assertThat(new NotConfiguredException("x")).isInstanceOf(CacheException.class).isInstanceOf(RuntimeException.class);
        assertThat(new CacheBackendInteractionException("x", null)).isInstanceOf(CacheException.class);
        assertThat(new RateLimitException("x")).isInstanceOf(CacheException.class);
        assertThat(new CircuitBreakerOpenException("x")).isInstanceOf(CacheException.class);
        assertThat(new LockedException("x")).isInstanceOf(CacheException.class);
        assertThat(new UnsecureDataException("x")).isInstanceOf(CacheException.class);
        assertThat(new TagNotRegisteredException("x")).isInstanceOf(CacheException.class);
    }
}
