package io.cashews;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@SuppressWarnings("try") // scopes are opened for their effect
class MiddlewareTest {

    private final Cashews cache = new Cashews();
    private final List<String> trace = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void close() {
        cache.close();
    }

    private Middleware tracing(String name) {
        return (command, backend, args, next) -> {
            trace.add(name + ">" + command);
            Object result = next.call(args);
            trace.add(name + "<" + command);
            return result;
        };
    }

    @Test
    void backendMiddlewaresRunInTheOrderGivenThenTheInstanceWideOnes() {
        cache.addMiddleware(tracing("c"), tracing("d"));
        cache.setup("mem://", "", Map.of(), tracing("a"), tracing("b"));

        cache.set("k", "v");

        assertThat(trace).containsExactly("a>SET", "b>SET", "c>SET", "d>SET", "d<SET", "c<SET", "b<SET", "a<SET");
    }

    @Test
    void instanceWideMiddlewaresAddedLaterApplyToBackendsSetUpBefore() {
        cache.setup("mem://");
        cache.set("k", "v");
        assertThat(trace).isEmpty();

        cache.addMiddleware(tracing("late"));
        assertThat(cache.<Object>get("k")).isEqualTo("v");

        assertThat(trace).containsExactly("late>GET", "late<GET");
    }

    @Test
    void theBuilderAddsInstanceWideMiddlewares() {
        try (Cashews built = Cashews.builder().middleware(tracing("x"), tracing("y")).build()) {
            built.setup("mem://");
            built.exists("k");
        }
        assertThat(trace).containsExactly("x>EXISTS", "y>EXISTS", "y<EXISTS", "x<EXISTS");
    }

    @Test
    void aBackendsOwnMiddlewaresSeeOnlyItsKeys() {
        cache.setup("mem://");
        cache.setup("mem://", "users:", Map.of(), tracing("users"));
        cache.addMiddleware(tracing("all"));

        cache.set("users:1", "ann");
        cache.set("other", 1);

        assertThat(trace).containsExactly(
                "users>SET", "all>SET", "all<SET", "users<SET",
                "all>SET", "all<SET");
    }

    @Test
    void aMiddlewareSeesTheBackendArgumentsAndMayChangeThemOrAnswerItself() {
        cache.setup("mem://", (command, backend, args, next) -> {
            if (command == Command.SET) {
                assertThat(args).hasSize(4);
                assertThat(args[2]).isEqualTo(Duration.ofMinutes(1));
                assertThat(args[3]).isEqualTo(Exist.ANY);
                args[1] = "changed " + args[1];
            }
            if (command == Command.GET && "answered".equals(args[0])) {
                return "by middleware";
            }
            return next.call(args);
        });

        cache.set("k", "v", Duration.ofMinutes(1));

        assertThat(cache.<Object>get("k")).isEqualTo("changed v");
        assertThat(cache.<Object>get("answered")).isEqualTo("by middleware");
    }

    @Test
    void userMiddlewaresSeeDisabledCommandsButTheBackendDoesNot() {
        cache.setup("mem://", tracing("m"));
        cache.set("k", "v");
        trace.clear();

        try (Scope off = cache.disabling(Command.GET, Command.SET, Command.GET_MANY)) {
            assertThat(cache.<Object>get("k", "default")).isEqualTo("default");
            assertThat(cache.set("k", "other")).isFalse();
            assertThat(cache.getMany("k")).containsExactly((Object) null);
            assertThat(cache.exists("k")).isTrue();
        }

        assertThat(trace).containsExactly("m>GET", "m<GET", "m>SET", "m<SET", "m>GET_MANY", "m<GET_MANY",
                "m>EXISTS", "m<EXISTS");
        assertThat(cache.<Object>get("k")).isEqualTo("v");
    }

    @Test
    void aBackendSetUpDisabledAnswersAsDisabledThroughItsChain() {
        cache.setup("mem://?disable=1", tracing("m"));

        assertThat(cache.set("k", "v")).isFalse();
        assertThat(cache.incr("n")).isZero();
        assertThat(cache.getExpire("k")).isEqualTo(-2);
        assertThat(cache.scan("*")).isEmpty();
        try (Scope lock = cache.lock("lock", Duration.ofSeconds(1))) {
            assertThat(trace).contains("m>SET", "m>INCR", "m>GET_EXPIRE", "m>SCAN");
        }
    }

    @Test
    void asynchronousCommandsPassTheirFutureThroughTheChain() throws Exception {
        List<Object> results = Collections.synchronizedList(new ArrayList<>());
        cache.setup("mem://", (command, backend, args, next) -> {
            Object result = next.call(args);
            results.add(next.async() + " " + (result instanceof CompletableFuture));
            return result;
        });

        assertThat(cache.async().set("k", "v").get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(cache.set("s", "v")).isTrue();

        assertThat(results).containsExactly("true true", "false false");
    }

    @Test
    void getOrSetAndLockKeepTheirOwnDisabledCheckWhenChained() {
        cache.setup("mem://", tracing("m"));
        try (Scope off = cache.disabling(Command.GET_OR_SET, Command.SET_LOCK)) {
            assertThat(cache.<String>getOrSet("k", () -> "computed", null)).isEqualTo("computed");
            assertThat(cache.exists("k")).isFalse();
            try (Scope lock = cache.lock("held", Duration.ofSeconds(5))) {
                assertThat(cache.isLocked("held")).isTrue();
            }
        }
    }

    // ---------------------------------------------------------------- callbacks

    @Test
    void aCallbackHearsItsCommandsWithKeyAndResult() {
        cache.setup("mem://");
        List<String> heard = new ArrayList<>();
        try (Scope scope = cache.callback((command, key, result) -> heard.add(command + " " + key + "=" + result),
                Command.SET)) {
            cache.set("test", "value");
            cache.get("test");
        }
        cache.set("after", "value");

        assertThat(heard).containsExactly("SET test=true");
    }

    @Test
    void aCallbackWithoutCommandsHearsEveryAnsweredCommandButNotMisses() {
        cache.setup("mem://");
        List<String> heard = new ArrayList<>();
        try (Scope scope = cache.callback((command, key, result) -> heard.add(command + " " + key + "=" + result))) {
            cache.set("k", null);
            cache.get("k");
            cache.get("missing");
            cache.deleteMatch("k*");
        }

        assertThat(heard).containsExactly("SET k=true", "GET k=null", "DELETE_MATCH k*=1");
    }

    @Test
    void disabledCommandsDoNotReachCallbacks() {
        cache.setup("mem://");
        List<String> heard = new ArrayList<>();
        try (Scope scope = cache.callback((command, key, result) -> heard.add(command + " " + key), Command.SET);
             Scope off = cache.disabling(Command.SET)) {
            assertThat(cache.set("k", "v")).isFalse();
        }
        assertThat(heard).isEmpty();
    }

    @Test
    void callbacksBelongToTheThreadThatOpenedThem() throws Exception {
        cache.setup("mem://");
        List<String> heard = Collections.synchronizedList(new ArrayList<>());
        try (Scope scope = cache.callback((command, key, result) -> heard.add(key), Command.SET)) {
            CompletableFuture.runAsync(() -> cache.set("elsewhere", 1)).get(5, TimeUnit.SECONDS);
            cache.set("here", 1);
        }
        assertThat(heard).containsExactly("here");
    }

    @Test
    void anAsynchronousCommandFiresItsCallbackWhenItCompletes() throws Exception {
        cache.setup("mem://");
        List<String> heard = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Boolean> done;
        try (Scope scope = cache.callback((command, key, result) -> heard.add(command + " " + key + "=" + result))) {
            done = cache.async().set("k", "v");
        }
        assertThat(done.get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(heard).containsExactly("SET k=true");
    }

    @Test
    void nestedCallbackScopesAllHearAndCloseIndependently() {
        cache.setup("mem://");
        List<String> heard = new ArrayList<>();
        try (Scope outer = cache.callback((command, key, result) -> heard.add("outer " + key), Command.SET)) {
            try (Scope inner = cache.callback((command, key, result) -> heard.add("inner " + key), Command.SET)) {
                cache.set("a", 1);
            }
            cache.set("b", 1);
        }
        assertThat(heard).containsExactlyInAnyOrder("inner a", "outer a", "outer b");
    }

    @Test
    void aThrowingCallbackDoesNotBreakTheCommand() {
        cache.setup("mem://");
        try (Scope scope = cache.callback((command, key, result) -> {
            throw new IllegalStateException("boom");
        })) {
            assertThat(cache.set("k", "v")).isTrue();
        }
        assertThat(cache.<Object>get("k")).isEqualTo("v");
    }
}
