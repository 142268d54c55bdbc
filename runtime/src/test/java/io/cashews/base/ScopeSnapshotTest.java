package io.cashews.base;

import static org.assertj.core.api.Assertions.assertThat;

import io.cashews.Cashews;
import io.cashews.Command;
import io.cashews.KeyContext;
import io.cashews.Scope;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@SuppressWarnings("try") // scopes are opened for their effect
class ScopeSnapshotTest {

    private static final ThreadScopes.Kind<String> NOTE = new ThreadScopes.Kind<>("note");
    private static final ThreadLocal<String> OWN = new ThreadLocal<>();

    static {
        ScopeSnapshot.carry(OWN);
    }

    private final ExecutorService other = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        other.shutdownNow();
    }

    private <T> T elsewhere(java.util.function.Supplier<T> work) throws Exception {
        return CompletableFuture.supplyAsync(work, other).get(5, TimeUnit.SECONDS);
    }

    @Test
    void nothingOpenCapturesTheSharedEmptySnapshotAndWrapsNothing() {
        assertThat(ScopeSnapshot.capture()).isSameAs(ScopeSnapshot.EMPTY);
        Runnable action = () -> { };
        assertThat(ScopeSnapshot.EMPTY.wrap(action)).isSameAs(action);
        assertThat(NOTE.isLive()).isFalse();
    }

    @Test
    void framesNestAndTheInnermostWins() {
        try (ThreadScopes.Frame outer = ThreadScopes.open(NOTE, "outer")) {
            try (ThreadScopes.Frame inner = ThreadScopes.open(NOTE, "inner")) {
                assertThat(ThreadScopes.innermost(NOTE)).isEqualTo("inner");
                StringBuilder all = new StringBuilder();
                ThreadScopes.forEach(NOTE, all::append);
                assertThat(all).hasToString("innerouter");
            }
            assertThat(ThreadScopes.innermost(NOTE)).isEqualTo("outer");
        }
        assertThat(ThreadScopes.innermost(NOTE)).isNull();
        assertThat(NOTE.isLive()).isFalse();
    }

    @Test
    void aSnapshotCarriesFramesAndRegisteredThreadLocalsToAnotherThread() throws Exception {
        ScopeSnapshot snapshot;
        try (ThreadScopes.Frame note = ThreadScopes.open(NOTE, "mine");
             Scope tenant = KeyContext.with("tenant", "acme")) {
            OWN.set("own");
            snapshot = ScopeSnapshot.capture();
            OWN.remove();
        }
        assertThat(elsewhere(() -> ThreadScopes.innermost(NOTE))).isNull();
        String seen = elsewhere(() -> {
            try (ThreadScopes.Frame installed = snapshot.install()) {
                return ThreadScopes.innermost(NOTE) + " " + KeyContext.get("tenant") + " " + OWN.get();
            }
        });
        assertThat(seen).as("in effect even though the scopes closed before").isEqualTo("mine acme own");
        assertThat(elsewhere(() -> ThreadScopes.innermost(NOTE) + " " + OWN.get()))
                .as("restored after the continuation").isEqualTo("null null");
        assertThat(NOTE.isLive()).isFalse();
    }

    @Test
    void installingRestoresWhatTheThreadHadBefore() {
        ScopeSnapshot snapshot;
        try (ThreadScopes.Frame note = ThreadScopes.open(NOTE, "captured")) {
            snapshot = ScopeSnapshot.capture();
        }
        try (ThreadScopes.Frame own = ThreadScopes.open(NOTE, "own")) {
            snapshot.run(() -> assertThat(ThreadScopes.innermost(NOTE)).isEqualTo("captured"));
            assertThat(ThreadScopes.innermost(NOTE)).isEqualTo("own");
        }
    }

    @Test
    void closingAnOuterScopeDropsScopesLeftOpenAboveIt() {
        ThreadScopes.Frame outer = ThreadScopes.open(NOTE, "outer");
        ThreadScopes.Frame inner = ThreadScopes.open(NOTE, "inner");
        outer.close();
        assertThat(ThreadScopes.innermost(NOTE)).isNull();
        inner.close();
        assertThat(NOTE.isLive()).isFalse();
    }

    @Test
    void nestedDisablingScopesAddUpPerInstanceAndCloseBackInOrder() {
        try (Cashews first = Cashews.create("mem://"); Cashews second = Cashews.create("mem://")) {
            try (Scope sets = first.disabling(Command.SET)) {
                try (Scope gets = first.disabling(Command.GET)) {
                    assertThat(first.isEnabled(Command.SET)).isFalse();
                    assertThat(first.isEnabled(Command.GET)).isFalse();
                    assertThat(second.isEnabled(Command.SET)).isTrue();
                }
                assertThat(first.isEnabled(Command.GET)).isTrue();
                assertThat(first.isEnabled(Command.SET)).isFalse();
            }
            assertThat(first.isEnabled(Command.SET)).isTrue();
        }
    }

    @Test
    void aDisablingScopeTravelsWithTheSnapshot() throws Exception {
        try (Cashews cache = Cashews.create("mem://")) {
            ScopeSnapshot snapshot;
            try (Scope off = cache.disabling(Command.SET)) {
                snapshot = ScopeSnapshot.capture();
            }
            assertThat(elsewhere(() -> snapshot.wrapFunction((String key) -> cache.set(key, 1)).apply("k"))).isFalse();
            assertThat(elsewhere(() -> cache.set("k", 2))).isTrue();
            assertThat(cache.isEnabled(Command.SET)).isTrue();
        }
    }
}
