package io.cashews;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@SuppressWarnings("try") // scopes are opened for their effect, not referenced
class DisablingTest {

    private Cashews cache;

    @BeforeEach
    void setUp() {
        cache = Cashews.create("mem://");
        cache.set("k", "v");
    }

    @AfterEach
    void tearDown() {
        cache.close();
    }

    @Test
    void disableWithoutArgumentsDisablesEverything() {
        cache.disable();
        for (Command command : Command.values()) {
            assertThat(cache.isEnabled(command)).as(command.name()).isFalse();
        }
        cache.enable();
        for (Command command : Command.values()) {
            assertThat(cache.isEnabled(command)).as(command.name()).isTrue();
        }
    }

    @Test
    void disableAndEnableSelectedCommands() {
        cache.disable(Command.GET, Command.SET);
        assertThat(cache.isEnabled(Command.GET)).isFalse();
        assertThat(cache.isEnabled(Command.SET)).isFalse();
        assertThat(cache.isEnabled(Command.DELETE)).isTrue();
        cache.enable(Command.GET);
        assertThat(cache.isEnabled(Command.GET)).isTrue();
        assertThat(cache.isEnabled(Command.SET)).isFalse();
        assertThat(cache.<Object>get("k")).isEqualTo("v");
        assertThat(cache.set("k", "w")).isFalse();
    }

    @Test
    void instanceWideDisableIsSeenByOtherThreads() throws Exception {
        cache.disable(Command.GET);
        Object seen = CompletableFuture.supplyAsync(() -> cache.get("k", "miss")).get(5, TimeUnit.SECONDS);
        assertThat(seen).isEqualTo("miss");
    }

    @Test
    void disablingScopeBelongsToCurrentThread() throws Exception {
        try (Scope scope = cache.disabling(Command.GET)) {
            assertThat(cache.get("k", "miss")).isEqualTo("miss");
            Object other = CompletableFuture.supplyAsync(() -> cache.get("k", "miss")).get(5, TimeUnit.SECONDS);
            assertThat(other).isEqualTo("v");
        }
        assertThat(cache.<Object>get("k")).isEqualTo("v");
    }

    @Test
    void nestedScopesRestoreExactlyThePreviousState() {
        try (Scope outer = cache.disabling(Command.GET)) {
            try (Scope inner = cache.disabling(Command.SET, Command.GET)) {
                assertThat(cache.isEnabled(Command.GET)).isFalse();
                assertThat(cache.isEnabled(Command.SET)).isFalse();
            }
            assertThat(cache.isEnabled(Command.GET)).isFalse();
            assertThat(cache.isEnabled(Command.SET)).isTrue();
        }
        assertThat(cache.isEnabled(Command.GET)).isTrue();
    }

    @Test
    void scopeDoesNotUndoInstanceWideDisable() {
        cache.disable(Command.GET);
        try (Scope scope = cache.disabling(Command.GET)) {
            assertThat(cache.isEnabled(Command.GET)).isFalse();
        }
        assertThat(cache.isEnabled(Command.GET)).isFalse();
        cache.enable(Command.GET);
        assertThat(cache.isEnabled(Command.GET)).isTrue();
    }

    @Test
    void closingScopeTwiceIsHarmless() {
        Scope outer = cache.disabling(Command.GET);
        Scope inner = cache.disabling(Command.SET);
        inner.close();
        inner.close();
        assertThat(cache.isEnabled(Command.GET)).isFalse();
        outer.close();
        assertThat(cache.isEnabled(Command.GET)).isTrue();
        assertThat(cache.isEnabled(Command.SET)).isTrue();
    }

    @Test
    void disabledGetOrSetComputesWithoutStoring() {
        try (Scope scope = cache.disabling(Command.GET_OR_SET)) {
            assertThat(cache.getOrSet("fresh", () -> "computed", null)).isEqualTo("computed");
        }
        assertThat(cache.exists("fresh")).isFalse();
    }

    @Test
    void disabledInstanceWithoutBackendAnswersDefaults() {
        Cashews bare = new Cashews();
        bare.disable();
        assertThat(bare.get("k", "d")).isEqualTo("d");
        assertThat(bare.set("k", "v")).isFalse();
    }
}
