package io.cashews;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cashews.spi.Backend;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What an instance tells about itself: its backends by prefix and its registered tags. */
class InspectionTest {

    @Test
    void backendsAreListedByPrefixLongestFirstAsSetUpWithoutMiddlewares() {
        try (Cashews cache = new Cashews()) {
            assertThat(cache.backends()).isEmpty();
            Backend fallback = cache.setup("mem://");
            Backend users = cache.setup("mem://", "user:", java.util.Map.of(), (Middleware) (command, backend, args, next) -> next.call(args));
            Backend admins = cache.setup("mem://", "user:admin:");
            Map<String, Backend> backends = cache.backends();
            assertThat(backends.keySet()).containsExactly("user:admin:", "user:", "");
            assertThat(backends.get("")).isSameAs(fallback);
            assertThat(backends.get("user:")).isSameAs(users);
            assertThat(backends.get("user:admin:")).isSameAs(admins);
            assertThatThrownBy(() -> backends.remove("")).isInstanceOf(UnsupportedOperationException.class);
            assertThat(backends.get("").ping()).isEqualTo("PONG");
        }
    }

    @Test
    void registeredTagsKeepTheirKeyTemplatesInRegistrationOrder() {
        try (Cashews cache = Cashews.create("mem://")) {
            assertThat(cache.registeredTags()).isEmpty();
            cache.registerTag("user:{id}", "profile:{id}:{lang}");
            cache.registerTag("shop", "price:{item}");
            cache.registerTag("user:{id}", "orders:{id}");
            cache.registerTag("user:{id}", "orders:{id}");
            assertThat(cache.registeredTags()).containsExactly(
                    Map.entry("user:{id}", List.of("profile:{id}:{lang}", "orders:{id}")),
                    Map.entry("shop", List.of("price:{item}")));
        }
    }
}
