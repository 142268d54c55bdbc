package io.cashews.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cashews.Cashews;
import io.cashews.Command;
import io.cashews.redis.TestRedis;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthContributorAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthEndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The {@code cashews} health contributor and actuator endpoint. */
class CashewsActuatorTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(
            CashewsAutoConfiguration.class, CashewsHealthAutoConfiguration.class, CashewsActuatorAutoConfiguration.class,
            HealthContributorAutoConfiguration.class,
            HealthEndpointAutoConfiguration.class, EndpointAutoConfiguration.class));

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> backends(org.springframework.boot.actuate.health.Health health) {
        return (List<Map<String, Object>>) health.getDetails().get("backends");
    }

    @Test
    void theHealthIsUpWhenEveryBackendAnswersIncludingARealRedis() {
        runner.withPropertyValues("cashews.backends.remote.url=" + TestRedis.url(11)).run(context -> {
            assertThat(context).hasSingleBean(CashewsHealthIndicator.class);
            HealthEndpoint endpoint = context.getBean(HealthEndpoint.class);
            var health = (org.springframework.boot.actuate.health.Health) endpoint.healthForPath("cashews");
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(backends(health)).extracting(b -> b.get("prefix")).containsExactly("remote", "");
            assertThat(backends(health)).allSatisfy(b -> assertThat(b).containsEntry("status", "UP").containsEntry("ping", "PONG"));
            assertThat(backends(health).get(0).get("backend").toString()).startsWith("RedisBackend[redis://");
        });
    }

    @Test
    void theHealthIsDownNamingTheBackendWhosePingFails() throws IOException {
        int port = closedPort();
        runner.withPropertyValues("cashews.backends.remote.url=redis://127.0.0.1:" + port
                + "?socket_connect_timeout=2&socket_timeout=2").run(context -> {
            assertThat(context).hasNotFailed();
            var health = context.getBean(CashewsHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            Map<String, Object> remote = backends(health).get(0);
            assertThat(remote).containsEntry("prefix", "remote").containsEntry("status", "DOWN").doesNotContainKey("ping");
            assertThat(remote.get("error").toString()).isNotBlank();
            assertThat(remote.get("backend").toString()).contains("127.0.0.1:" + port);
            assertThat(backends(health).get(1)).containsEntry("prefix", "").containsEntry("status", "UP");
        });
    }

    @Test
    void anInstanceWithoutBackendsIsDown() {
        Cashews empty = new Cashews();
        runner.withBean(Cashews.class, () -> empty).run(context -> {
            var health = context.getBean(CashewsHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("error", "no backend is set up");
        });
    }

    @Test
    void theHealthContributorCanBeSwitchedOffAndNeedsTheActuator() {
        runner.withPropertyValues("management.health.cashews.enabled=false").run(context -> {
            assertThat(context).hasSingleBean(Cashews.class).doesNotHaveBean(CashewsHealthIndicator.class);
        });
        // The endpoint does not need the health types (they moved in Boot 4; the endpoint's did not).
        runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .withPropertyValues("management.endpoints.web.exposure.include=cashews").run(context ->
                        assertThat(context).hasSingleBean(Cashews.class).doesNotHaveBean(CashewsHealthIndicator.class)
                                .hasSingleBean(CashewsEndpoint.class));
        runner.withClassLoader(new FilteredClassLoader(org.springframework.boot.actuate.endpoint.annotation.Endpoint.class))
                .withPropertyValues("management.endpoints.web.exposure.include=cashews").run(context ->
                        assertThat(context).hasSingleBean(CashewsHealthIndicator.class).doesNotHaveBean(CashewsEndpoint.class));
        runner.withPropertyValues("cashews.enabled=false").run(context -> assertThat(context).doesNotHaveBean(CashewsHealthIndicator.class));
    }

    @Test
    void theEndpointExistsOnlyWhenExposed() {
        runner.run(context -> assertThat(context).doesNotHaveBean(CashewsEndpoint.class));
        runner.withPropertyValues("management.endpoints.jmx.exposure.include=cashews", "spring.jmx.enabled=true")
                .run(context -> assertThat(context).hasSingleBean(CashewsEndpoint.class));
        runner.withPropertyValues("management.endpoints.web.exposure.include=cashews")
                .run(context -> assertThat(context).hasSingleBean(CashewsEndpoint.class));
    }

    private static Cashews shop() {
        Cashews cache = Cashews.create("mem://");
        cache.setup("mem://", "sessions:");
        cache.registerTag("user:{id}", "profile:{id}");
        cache.registerTag("user:{id}", "orders:{id}:{page}");
        cache.set("profile:1", "secret value 1", Duration.ofMinutes(10), "user:1");
        cache.set("profile:2", "secret value 2", Duration.ofMinutes(10), "user:2");
        cache.set("orders:1:0", "secret value 3", null, "user:1");
        cache.set("sessions:abc", "secret value 4");
        cache.disable(Command.INCR, Command.GET_BITS);
        return cache;
    }

    @Test
    void theEndpointDescribesBackendsDisabledCommandsAndTags() {
        try (Cashews cache = shop()) {
            CashewsEndpoint.Description description = new CashewsEndpoint(cache).describe();
            assertThat(description.backends()).extracting(CashewsEndpoint.BackendDescription::prefix).containsExactly("sessions:", "");
            assertThat(description.backends().get(0).backend()).startsWith("MemoryBackend[");
            assertThat(description.disabledCommands()).containsExactly("INCR", "GET_BITS");
            assertThat(description.tags()).containsExactly(Map.entry("user:{id}", List.of("profile:{id}", "orders:{id}:{page}")));
        }
    }

    @Test
    void keysAreListedWithTtlAndTagsNeverValues() {
        try (Cashews cache = shop()) {
            CashewsEndpoint endpoint = new CashewsEndpoint(cache);
            CashewsEndpoint.Keys keys = endpoint.keys("keys", "profile:*", null);
            assertThat(keys.limit()).isEqualTo(CashewsEndpoint.DEFAULT_LIMIT);
            assertThat(keys.truncated()).isFalse();
            assertThat(keys.keys()).extracting(CashewsEndpoint.KeyDescription::key).containsExactlyInAnyOrder("profile:1", "profile:2");
            assertThat(keys.keys()).allSatisfy(k -> assertThat(k.ttl()).isBetween(599L, 600L));
            assertThat(keys.keys()).filteredOn(k -> k.key().equals("profile:1")).singleElement()
                    .satisfies(k -> assertThat(k.tags()).containsExactly("user:1"));
            CashewsEndpoint.KeyDescription orders = endpoint.keys("keys", "orders:*", 5).keys().get(0);
            assertThat(orders.ttl()).isEqualTo(-1);
            assertThat(orders.tags()).containsExactly("user:1");
            assertThat(endpoint.keys("keys", "*", 1000).toString()).doesNotContain("secret value");
        }
    }

    @Test
    void theListingIsBoundedAndHostileRequestsAreRefusedWithAReason() {
        try (Cashews cache = Cashews.create("mem://?size=5000")) {
            for (int i = 0; i < 1_050; i++) {
                cache.set("k:" + i, i);
            }
            CashewsEndpoint endpoint = new CashewsEndpoint(cache);
            CashewsEndpoint.Keys two = endpoint.keys("keys", "k:*", 2);
            assertThat(two.keys()).hasSize(2);
            assertThat(two.truncated()).isTrue();
            CashewsEndpoint.Keys capped = endpoint.keys("keys", "k:*", Integer.MAX_VALUE);
            assertThat(capped.limit()).isEqualTo(CashewsEndpoint.MAX_LIMIT);
            assertThat(capped.keys()).hasSize(CashewsEndpoint.MAX_LIMIT);
            assertThat(capped.truncated()).isTrue();
            assertThat(endpoint.keys("keys", "k:1?", null).truncated()).isFalse();

            assertThatThrownBy(() -> endpoint.keys("keys", null, 10)).isInstanceOf(InvalidEndpointRequestException.class)
                    .hasMessageContaining("'pattern' is required");
            assertThatThrownBy(() -> endpoint.keys("keys", "", 10)).isInstanceOf(InvalidEndpointRequestException.class);
            assertThatThrownBy(() -> endpoint.keys("keys", "k:*", 0)).isInstanceOf(InvalidEndpointRequestException.class)
                    .hasMessageContaining("limit must be at least 1, not 0");
            assertThatThrownBy(() -> endpoint.keys("values", "k:*", 1)).isInstanceOf(InvalidEndpointRequestException.class)
                    .hasMessageContaining("unknown path 'values'");
        }
    }

    @Test
    void deletesByKeyPatternOrTagOneAtATime() {
        try (Cashews cache = shop()) {
            CashewsEndpoint endpoint = new CashewsEndpoint(cache);
            assertThat(endpoint.delete("profile:2", null, null)).isEqualTo(new CashewsEndpoint.Deleted("key", "profile:2", 1));
            assertThat(endpoint.delete("profile:2", null, null).deleted()).isZero();
            assertThat(cache.exists("profile:2")).isFalse();

            assertThat(endpoint.delete(null, null, "user:1")).isEqualTo(new CashewsEndpoint.Deleted("tag", "user:1", -1));
            assertThat(cache.exists("profile:1")).isFalse();
            assertThat(cache.exists("orders:1:0")).isFalse();

            assertThat(endpoint.delete(null, "sessions:*", null)).isEqualTo(new CashewsEndpoint.Deleted("pattern", "sessions:*", 1));
            assertThat(cache.exists("sessions:abc")).isFalse();

            assertThatThrownBy(() -> endpoint.delete(null, null, null)).isInstanceOf(InvalidEndpointRequestException.class)
                    .hasMessage("give exactly one of the query parameters key, pattern or tag");
            assertThatThrownBy(() -> endpoint.delete("a", "b*", null)).isInstanceOf(InvalidEndpointRequestException.class)
                    .hasMessageContaining("2 were given");
            assertThatThrownBy(() -> endpoint.delete(null, "", null)).isInstanceOf(InvalidEndpointRequestException.class);
        }
    }
}
