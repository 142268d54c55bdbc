package io.cashews;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

@SuppressWarnings("try") // scopes are opened for their effect, not referenced
class KeyContextTest {

    @Test
    void absentNameReadsNull() {
        assertThat(KeyContext.get("tenant")).isNull();
    }

    @Test
    void valueIsVisibleInsideScopeOnly() {
        try (Scope scope = KeyContext.with("tenant", "acme")) {
            assertThat(KeyContext.get("tenant")).isEqualTo("acme");
            assertThat(KeyContext.get("other")).isNull();
        }
        assertThat(KeyContext.get("tenant")).isNull();
    }

    @Test
    void innerScopeShadowsOuterAndCloseRestores() {
        try (Scope outer = KeyContext.with("tenant", "outer")) {
            try (Scope user = KeyContext.with("user", 7)) {
                try (Scope inner = KeyContext.with("tenant", "inner")) {
                    assertThat(KeyContext.get("tenant")).isEqualTo("inner");
                    assertThat(KeyContext.get("user")).isEqualTo(7);
                }
                assertThat(KeyContext.get("tenant")).isEqualTo("outer");
            }
            assertThat(KeyContext.get("user")).isNull();
            assertThat(KeyContext.get("tenant")).isEqualTo("outer");
        }
        assertThat(KeyContext.get("tenant")).isNull();
    }

    @Test
    void nullValueHidesOuterValue() {
        try (Scope outer = KeyContext.with("tenant", "outer");
             Scope inner = KeyContext.with("tenant", null)) {
            assertThat(KeyContext.get("tenant")).isNull();
        }
    }

    @Test
    void closingTwiceDoesNotDisturbLaterScopes() {
        Scope first = KeyContext.with("a", 1);
        first.close();
        try (Scope second = KeyContext.with("a", 2)) {
            first.close();
            assertThat(KeyContext.get("a")).isEqualTo(2);
        }
    }

    @Test
    void closingOuterScopeRestoresEvenIfInnerWasLeftOpen() {
        Scope outer = KeyContext.with("a", 1);
        KeyContext.with("b", 2);
        outer.close();
        assertThat(KeyContext.get("a")).isNull();
        assertThat(KeyContext.get("b")).isNull();
    }

    @Test
    void valuesBelongToTheirThread() throws Exception {
        try (Scope scope = KeyContext.with("tenant", "mine")) {
            Object seen = CompletableFuture.supplyAsync(() -> KeyContext.get("tenant")).get();
            assertThat(seen).isNull();
        }
    }
}
