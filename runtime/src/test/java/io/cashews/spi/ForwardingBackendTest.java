package io.cashews.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.cashews.Cashews;
import io.cashews.Command;
import io.cashews.Exist;
import io.cashews.time.ManualClock;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@link Backend} method, synchronous and asynchronous, through a {@link ForwardingBackend}
 * over the real memory backend: the decorator's one hook sees the right command, form and
 * arguments, the command reaches the memory backend with those arguments, and the caller gets the
 * memory backend's answer. A second test fails when a method is added to {@code Backend} without
 * being routed.
 */
class ForwardingBackendTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    /** Records every call it sees and what running it answered. */
    static final class Recording extends ForwardingBackend {
        final List<BackendCall> calls = new ArrayList<>();
        @Nullable Object lastResult;

        Recording(Backend delegate) {
            super(delegate);
        }

        @Override
        protected @Nullable Object intercept(BackendCall call) {
            calls.add(call);
            lastResult = call.run(delegate());
            return lastResult;
        }
    }

    private final ManualClock clock = new ManualClock();
    private Cashews cache;
    private Backend memory;
    private Recording decorator;

    @BeforeEach
    void setUp() {
        cache = Cashews.builder().clock(clock).build();
        memory = cache.setup("mem://?check_interval=0");
        decorator = new Recording(memory);
    }

    @AfterEach
    void tearDown() {
        cache.close();
    }

    /**
     * One command: how to prepare the memory backend, the call in both forms, the arguments the
     * hook must see, the answer, and what the memory backend must hold afterwards.
     */
    record Case(String method, Command command, Consumer<Backend> seed,
            Function<Backend, @Nullable Object> sync, Function<Backend, CompletableFuture<?>> async,
            @Nullable Object[] args, @Nullable Object answer, Consumer<Backend> effect) {

        @Override
        public String toString() {
            return method;
        }
    }

    private static Consumer<Backend> nothing() {
        return backend -> { };
    }

    private static Glob glob(String pattern) {
        return Glob.compile(pattern);
    }

    static List<Case> cases() {
        return List.of(
                new Case("set", Command.SET, nothing(),
                        b -> b.set("k", "v", MINUTE, Exist.ABSENT), b -> b.setAsync("k", "v", MINUTE, Exist.ABSENT),
                        new Object[] {"k", "v", MINUTE, Exist.ABSENT}, true, b -> {
                            assertThat(b.get("k")).isEqualTo("v");
                            assertThat(b.getExpire("k")).isEqualTo(60);
                        }),
                new Case("setRaw", Command.SET_RAW, nothing(),
                        b -> b.setRaw("k", "v"), b -> b.setRawAsync("k", "v"),
                        new Object[] {"k", "v"}, true, b -> assertThat(b.getRaw("k")).isEqualTo("v")),
                new Case("setMany", Command.SET_MANY, nothing(),
                        b -> {
                            b.setMany(Map.of("a", 1, "b", 2), MINUTE);
                            return null;
                        }, b -> b.setManyAsync(Map.of("a", 1, "b", 2), MINUTE),
                        new Object[] {Map.of("a", 1, "b", 2), MINUTE}, null, b -> {
                            assertThat(b.getMany(List.of("a", "b"))).containsExactly(1, 2);
                            assertThat(b.getExpire("b")).isEqualTo(60);
                        }),
                new Case("get", Command.GET, b -> b.set("k", "v", null, Exist.ANY),
                        b -> b.get("k"), b -> b.getAsync("k"),
                        new Object[] {"k"}, "v", nothing()),
                new Case("getRaw", Command.GET_RAW, b -> b.setRaw("k", "v"),
                        b -> b.getRaw("k"), b -> b.getRawAsync("k"),
                        new Object[] {"k"}, "v", nothing()),
                new Case("getMany", Command.GET_MANY, b -> b.set("a", 1, null, Exist.ANY),
                        b -> b.getMany(List.of("a", "missing")), b -> b.getManyAsync(List.of("a", "missing")),
                        new Object[] {List.of("a", "missing")}, Arrays.asList(1, null), nothing()),
                new Case("getMatch", Command.GET_MATCH, b -> {
                            b.set("user:1", "x", null, Exist.ANY);
                            b.set("other", "y", null, Exist.ANY);
                        },
                        b -> b.getMatch(glob("user:*")), b -> b.getMatchAsync(glob("user:*")),
                        new Object[] {glob("user:*")}, List.of(new AbstractMap.SimpleEntry<>("user:1", "x")),
                        nothing()),
                new Case("incr", Command.INCR, nothing(),
                        b -> b.incr("n", 5, MINUTE), b -> b.incrAsync("n", 5, MINUTE),
                        new Object[] {"n", 5L, MINUTE}, 5L, b -> {
                            assertThat(b.incr("n", 0, null)).isEqualTo(5);
                            assertThat(b.getExpire("n")).isEqualTo(60);
                        }),
                new Case("sliceIncr", Command.SLICE_INCR, nothing(),
                        b -> b.sliceIncr("w", 0, 1000, 3, MINUTE), b -> b.sliceIncrAsync("w", 0, 1000, 3, MINUTE),
                        new Object[] {"w", 0L, 1000L, 3L, MINUTE}, 1L,
                        b -> assertThat(b.sliceIncr("w", 0, 1000, 3, MINUTE)).isEqualTo(2)),
                new Case("getBits", Command.GET_BITS, b -> b.incrBits("bits", 4, 3, 1),
                        b -> b.getBits("bits", 4, 0, 1), b -> b.getBitsAsync("bits", 4, 0, 1),
                        new Object[] {"bits", 4, new long[] {0, 1}}, new long[] {0, 3}, nothing()),
                new Case("incrBits", Command.INCR_BITS, nothing(),
                        b -> b.incrBits("bits", 4, 3, 1), b -> b.incrBitsAsync("bits", 4, 3, 1),
                        new Object[] {"bits", 4, 3L, new long[] {1}}, new long[] {3},
                        b -> assertThat(b.getBits("bits", 4, 0, 1)).containsExactly(0, 3)),
                new Case("exists", Command.EXISTS, b -> b.set("k", "v", null, Exist.ANY),
                        b -> b.exists("k"), b -> b.existsAsync("k"),
                        new Object[] {"k"}, true, nothing()),
                new Case("delete", Command.DELETE, b -> b.set("k", "v", null, Exist.ANY),
                        b -> b.delete("k"), b -> b.deleteAsync("k"),
                        new Object[] {"k"}, true, b -> assertThat(b.exists("k")).isFalse()),
                new Case("deleteMany", Command.DELETE_MANY, b -> b.setMany(Map.of("a", 1, "b", 2), null),
                        b -> b.deleteMany(List.of("a", "b", "c")), b -> b.deleteManyAsync(List.of("a", "b", "c")),
                        new Object[] {List.of("a", "b", "c")}, 2L, b -> assertThat(b.getKeysCount()).isZero()),
                new Case("deleteMatch", Command.DELETE_MATCH,
                        b -> b.setMany(Map.of("user:1", 1, "user:2", 2, "other", 3), null),
                        b -> b.deleteMatch(glob("user:*")), b -> b.deleteMatchAsync(glob("user:*")),
                        new Object[] {glob("user:*")}, 2L, b -> assertThat(b.scan(glob("*"))).containsExactly("other")),
                new Case("scan", Command.SCAN, b -> b.setMany(Map.of("user:1", 1, "other", 3), null),
                        b -> b.scan(glob("user:*")), b -> b.scanAsync(glob("user:*")),
                        new Object[] {glob("user:*")}, List.of("user:1"), nothing()),
                new Case("expire", Command.EXPIRE, b -> b.set("k", "v", null, Exist.ANY),
                        b -> b.expire("k", Duration.ofMinutes(2)), b -> b.expireAsync("k", Duration.ofMinutes(2)),
                        new Object[] {"k", Duration.ofMinutes(2)}, true,
                        b -> assertThat(b.getExpire("k")).isEqualTo(120)),
                new Case("getExpire", Command.GET_EXPIRE, b -> b.set("k", "v", Duration.ofSeconds(90), Exist.ANY),
                        b -> b.getExpire("k"), b -> b.getExpireAsync("k"),
                        new Object[] {"k"}, 90L, nothing()),
                new Case("getExpireMillis", Command.GET_EXPIRE_MILLIS,
                        b -> b.set("k", "v", Duration.ofMillis(1_400), Exist.ANY),
                        b -> b.getExpireMillis("k"), b -> b.getExpireMillisAsync("k"),
                        new Object[] {"k"}, 1_400L, nothing()),
                new Case("ping", Command.PING, nothing(),
                        Backend::ping, Backend::pingAsync,
                        new Object[0], "PONG", nothing()),
                new Case("clear", Command.CLEAR, b -> b.set("k", "v", null, Exist.ANY),
                        b -> {
                            b.clear();
                            return null;
                        }, Backend::clearAsync,
                        new Object[0], null, b -> assertThat(b.getKeysCount()).isZero()),
                new Case("isLocked", Command.IS_LOCKED, b -> b.setLock("lock", "token", MINUTE),
                        b -> b.isLocked("lock"), b -> b.isLockedAsync("lock"),
                        new Object[] {"lock"}, true, nothing()),
                new Case("setLock", Command.SET_LOCK, nothing(),
                        b -> b.setLock("lock", "token", MINUTE), b -> b.setLockAsync("lock", "token", MINUTE),
                        new Object[] {"lock", "token", MINUTE}, true, b -> {
                            assertThat(b.unlock("lock", "another")).isFalse();
                            assertThat(b.getExpire("lock")).isEqualTo(60);
                            assertThat(b.unlock("lock", "token")).isTrue();
                        }),
                new Case("unlock", Command.UNLOCK, b -> b.setLock("lock", "token", MINUTE),
                        b -> b.unlock("lock", "token"), b -> b.unlockAsync("lock", "token"),
                        new Object[] {"lock", "token"}, true, b -> assertThat(b.isLocked("lock")).isFalse()),
                new Case("getKeysCount", Command.GET_KEYS_COUNT, b -> b.setMany(Map.of("a", 1, "b", 2), null),
                        Backend::getKeysCount, Backend::getKeysCountAsync,
                        new Object[0], 2L, nothing()),
                new Case("setAdd", Command.SET_ADD, nothing(),
                        b -> b.setAdd("tags", MINUTE, "a", "b"), b -> b.setAddAsync("tags", MINUTE, "a", "b"),
                        new Object[] {"tags", MINUTE, new String[] {"a", "b"}}, 2L, b -> {
                            assertThat(b.setMembers("tags")).containsExactlyInAnyOrder("a", "b");
                            assertThat(b.getExpire("tags")).isEqualTo(60);
                        }),
                new Case("setRemove", Command.SET_REMOVE, b -> b.setAdd("tags", null, "a", "b"),
                        b -> b.setRemove("tags", "a"), b -> b.setRemoveAsync("tags", "a"),
                        new Object[] {"tags", new String[] {"a"}}, 1L,
                        b -> assertThat(b.setMembers("tags")).containsExactly("b")),
                new Case("setPop", Command.SET_POP, b -> b.setAdd("tags", null, "a"),
                        b -> b.setPop("tags", 5), b -> b.setPopAsync("tags", 5),
                        new Object[] {"tags", 5}, List.of("a"), b -> assertThat(b.exists("tags")).isFalse()),
                new Case("setMembers", Command.SET_MEMBERS, b -> b.setAdd("tags", null, "a", "b"),
                        b -> b.setMembers("tags"), b -> b.setMembersAsync("tags"),
                        new Object[] {"tags"}, Set.of("a", "b"), nothing()),
                new Case("getAndSet", Command.GET_AND_SET, b -> b.set("k", "old", MINUTE, Exist.ANY),
                        b -> b.getAndSet("k", "new", null, true), b -> b.getAndSetAsync("k", "new", null, true),
                        new Object[] {"k", "new", null, true}, "old", b -> {
                            assertThat(b.get("k")).isEqualTo("new");
                            assertThat(b.getExpire("k")).isEqualTo(60);
                        }),
                new Case("compareAndSet", Command.COMPARE_AND_SET, b -> b.set("k", "old", null, Exist.ANY),
                        b -> b.compareAndSet("k", "old", "new", MINUTE, false),
                        b -> b.compareAndSetAsync("k", "old", "new", MINUTE, false),
                        new Object[] {"k", "old", "new", MINUTE, false}, true, b -> {
                            assertThat(b.get("k")).isEqualTo("new");
                            assertThat(b.getExpire("k")).isEqualTo(60);
                        }),
                new Case("deleteIfEquals", Command.DELETE_IF_EQUALS, b -> b.set("k", "v", null, Exist.ANY),
                        b -> b.deleteIfEquals("k", "v"), b -> b.deleteIfEqualsAsync("k", "v"),
                        new Object[] {"k", "v"}, true, b -> assertThat(b.exists("k")).isFalse()),
                new Case("getAndDelete", Command.GET_AND_DELETE, b -> b.set("k", "v", null, Exist.ANY),
                        b -> b.getAndDelete("k"), b -> b.getAndDeleteAsync("k"),
                        new Object[] {"k"}, "v", b -> assertThat(b.exists("k")).isFalse()));
    }

    static Stream<Arguments> everyCommandInBothForms() {
        return cases().stream().flatMap(c -> Stream.of(Arguments.of(c, false), Arguments.of(c, true)));
    }

    @ParameterizedTest(name = "{0} async={1}")
    @MethodSource("everyCommandInBothForms")
    void theHookSeesTheCallAndTheDelegateAnswersIt(Case c, boolean async) {
        c.seed().accept(memory);

        Object answer;
        if (async) {
            CompletableFuture<?> future = c.async().apply(decorator);
            // The caller gets the very future the delegate answered.
            assertThat(future).isSameAs(decorator.lastResult);
            answer = future.join();
        } else {
            answer = c.sync().apply(decorator);
        }

        assertThat(decorator.calls).hasSize(1);
        BackendCall call = decorator.calls.get(0);
        assertThat(call.command()).isEqualTo(c.command());
        assertThat(call.async()).isEqualTo(async);
        assertThat(call.args()).isEqualTo(c.args());
        assertThat(answer).isEqualTo(c.answer());
        c.effect().accept(memory);
    }

    @Test
    void aHookMayRunTheCallWithOtherArguments() {
        ForwardingBackend prefixing = new ForwardingBackend(memory) {
            @Override
            protected @Nullable Object intercept(BackendCall call) {
                Object[] args = call.args().clone();
                args[0] = "p:" + args[0];
                return call.run(delegate(), args);
            }
        };

        assertThat(prefixing.set("k", "v", null, Exist.ANY)).isTrue();
        assertThat(prefixing.incrAsync("n", 2, null).join()).isEqualTo(2);

        assertThat(memory.get("p:k")).isEqualTo("v");
        assertThat(memory.get("n")).isNull();
        assertThat(memory.incr("p:n", 0, null)).isEqualTo(2);
    }

    @Test
    void byDefaultEveryCallIsForwardedUnchanged() {
        ForwardingBackend plain = new ForwardingBackend(memory) { };

        assertThat(plain.set("k", "v", null, Exist.ANY)).isTrue();
        assertThat(plain.getAsync("k").join()).isEqualTo("v");
        assertThat(memory.get("k")).isEqualTo("v");
    }

    // ---------------------------------------------------------------- nothing left unrouted

    // close ends the backend, encodesValues describes it and evictionCount is a statistic: none is a command.
    private static List<Method> backendCommands() {
        return Arrays.stream(Backend.class.getMethods())
                .filter(m -> !m.getName().equals("close") && !m.getName().equals("encodesValues")
                        && !m.getName().equals("evictionCount"))
                .toList();
    }

    @Test
    void evictionCountIsTheDelegatesAnswerAndNoCommand() {
        Backend counting = new ForwardingBackend(memory) {
            @Override
            public long evictionCount() {
                return 42;
            }
        };
        assertThat(new ForwardingBackend(counting) {
        }.evictionCount()).isEqualTo(42);
        assertThat(decorator.evictionCount()).as("the memory backend counts").isZero();
        assertThat(decorator.calls).isEmpty();
    }

    @Test
    void encodesValuesIsTheDelegatesAnswerAndNoCommand() {
        assertThat(decorator.encodesValues()).isFalse();
        Backend encoding = new ForwardingBackend(memory) {
            @Override
            public boolean encodesValues() {
                return true;
            }
        };
        ForwardingBackend outer = new ForwardingBackend(encoding) {
        };
        assertThat(outer.encodesValues()).isTrue();
        assertThat(decorator.calls).isEmpty();
    }

    @Test
    void everyBackendMethodIsOverriddenHereAndCoveredByACase() {
        List<Method> own = Arrays.stream(ForwardingBackend.class.getDeclaredMethods())
                .filter(m -> !Modifier.isAbstract(m.getModifiers()))
                .toList();
        for (Method method : backendCommands()) {
            // A default method left to Backend would reach the hook as another command, an abstract one not at all.
            assertThat(own)
                    .as("%s is not routed: add it to ForwardingBackend and its arm to BackendCall.run", method.getName())
                    .anyMatch(m -> m.getName().equals(method.getName())
                            && Arrays.equals(m.getParameterTypes(), method.getParameterTypes()));
        }
        Set<String> covered = new TreeSet<>();
        for (Case c : cases()) {
            covered.add(c.method());
            covered.add(c.method() + "Async");
        }
        assertThat(covered).isEqualTo(new TreeSet<>(backendCommands().stream().map(Method::getName).toList()));
    }

    @Test
    void everyBackendMethodReachesTheHookAsItsCommandAndRunsOnTheDelegate() throws Exception {
        Set<Command> reached = EnumSet.noneOf(Command.class);
        for (Method method : backendCommands()) {
            memory.clear();
            decorator.calls.clear();
            boolean async = method.getName().endsWith("Async");
            Object[] args = Arrays.stream(method.getParameterTypes()).map(ForwardingBackendTest::sample).toArray();

            Object result = invoke(method, decorator, args);
            if (async) {
                ((CompletableFuture<?>) result).join();
            }

            assertThat(decorator.calls).as(method.getName()).hasSize(1);
            BackendCall call = decorator.calls.get(0);
            assertThat(call.command()).as(method.getName()).isEqualTo(commandNamed(method.getName()));
            assertThat(call.async()).as(method.getName()).isEqualTo(async);
            assertThat(call.args()).as(method.getName()).isEqualTo(args);
            reached.add(call.command());
        }
        // Every command but the two the facade makes of others.
        assertThat(reached).isEqualTo(EnumSet.complementOf(EnumSet.of(Command.GET_OR_SET, Command.LOCK)));
    }

    // getKeysCountAsync -> GET_KEYS_COUNT
    private static Command commandNamed(String method) {
        String name = method.endsWith("Async") ? method.substring(0, method.length() - "Async".length()) : method;
        return Command.valueOf(name.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT));
    }

    // An argument of every parameter type Backend has; a new type fails the test until added here.
    private static final Map<Class<?>, Object> SAMPLES = Map.ofEntries(
            Map.entry(String.class, "k"),
            Map.entry(Object.class, "v"),
            Map.entry(Duration.class, MINUTE),
            Map.entry(Exist.class, Exist.ANY),
            Map.entry(long.class, 1L),
            Map.entry(int.class, 1),
            Map.entry(boolean.class, false),
            Map.entry(long[].class, new long[] {0}),
            Map.entry(String[].class, new String[] {"m"}),
            Map.entry(List.class, List.of("k")),
            Map.entry(Map.class, Map.of("k", "v")),
            Map.entry(Glob.class, glob("k*")));

    private static Object sample(Class<?> type) {
        Object sample = SAMPLES.get(type);
        assertThat(sample).as("a sample argument of type " + type).isNotNull();
        return sample;
    }

    private static @Nullable Object invoke(Method method, Object target, Object[] args) throws Exception {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
