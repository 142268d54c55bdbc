package io.cashews;

import io.cashews.base.ThreadScopes;
import io.cashews.codec.ValueType;
import io.cashews.spi.Backend;
import io.cashews.spi.BackendProvider;
import io.cashews.time.CacheClock;
import java.lang.reflect.UndeclaredThrowableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The cache facade: the object generated proxies and user code call.
 *
 * <pre>{@code
 * Cashews cache = Cashews.create("mem://?size=10000");
 * cache.set("user:1", user, Duration.ofMinutes(10));
 * User cached = cache.get("user:1");
 * }</pre>
 *
 * <p>An instance holds one or more {@link Backend}s, each set up from a URL and serving the keys
 * that start with its prefix (the longest matching prefix wins; {@code ""} is the default). Every
 * command routes its key, honours {@linkplain #disable(Command...) disabled commands} and passes
 * the call to the backend. {@code null} is a storable value: {@link #get(String, Object)} returns
 * {@code null} for a stored {@code null} and the default for a missing key.
 *
 * <p>TTLs: {@code null} or an overload without a TTL means "no expiry", and a write without a
 * TTL clears an older one. A TTL given to a write must be positive. Time is read from the
 * instance's {@link #clock()}, background and waiting work runs on its {@link #executor()}; both
 * are injectable through {@link #builder()}.
 *
 * <p>Instances are thread-safe.
 */
public final class Cashews implements AutoCloseable {

    // What a disabled bit command answers; empty, so sharing one instance is safe.
    static final long[] NO_BITS = new long[0];
    // Last of the static fields, so that it is built after the ones above.
    private static final Cashews DEFAULT = new Cashews();

    private final CacheClock clock;
    private final Executor executor;
    private final AsyncCashews async;
    // What @Failover (and the circuit breaker) handle when they list no exceptions; read when a proxy is built.
    private volatile List<Class<? extends Throwable>> defaultFailExceptions = List.of(Exception.class);
    private final Transactions transactions = new Transactions(this);
    private final Router router;
    private final CommandSwitches switches;
    private final CommandCore core;
    private final Locks locks;
    // The blocking calls of the commands CommandCore writes over a Flow.
    private final Flow sync = new Flow.Sync(this);
    // The cache event listeners; strategies and facade commands report here.
    final EventHub events = new EventHub();
    private final StrategyStore strategyStore;

    /** Creates an instance with no backend, the coarse system clock and the shared default executor. */
    public Cashews() {
        this(CacheClock.coarse(), DefaultExecutor.get(), List.of());
    }

    private Cashews(CacheClock clock, Executor executor, List<BackendProvider> extraProviders) {
        this.clock = clock;
        this.executor = executor;
        this.router = new Router(this, extraProviders, Cashews::discoveredProviders, transactions);
        this.switches = new CommandSwitches(this, router);
        this.core = new CommandCore(this, router, switches);
        this.locks = new Locks(this, core);
        this.async = new AsyncCashews(this, core, locks, transactions);
        this.strategyStore = new StrategyStore(this, async);
    }

    // The providers on the class path; found here, by ServiceLoader only (an architecture test checks it).
    private static Iterable<BackendProvider> discoveredProviders() {
        return ServiceLoader.load(BackendProvider.class, Cashews.class.getClassLoader());
    }

    /**
     * Creates an instance and sets up its default backend.
     *
     * @param url the backend URL, for example {@code "mem://"}
     * @return the ready instance
     * @throws IllegalArgumentException if the URL or an option is invalid, or no backend serves
     *     its scheme
     */
    public static Cashews create(String url) {
        Cashews cashews = new Cashews();
        cashews.setup(url);
        return cashews;
    }

    /**
     * Returns the process-wide instance that proxies created without a {@code Cashews} use. It
     * exists from the start but has no backend until {@link #setup(String)} is called on it;
     * commands before that throw {@link NotConfiguredException}.
     *
     * @return the default instance
     */
    public static Cashews defaultCache() {
        return DEFAULT;
    }

    /**
     * Starts building an instance with a chosen clock, executor or extra backend providers.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the clock every expiry and timing of this instance reads.
     *
     * @return the clock
     */
    public CacheClock clock() {
        return clock;
    }

    /**
     * Returns the executor for background work of this instance (refreshes, lock polling,
     * blocking backends' asynchronous commands).
     *
     * @return the executor
     */
    public Executor executor() {
        return executor;
    }

    // ---------------------------------------------------------------- setup

    /**
     * Sets up the default backend (prefix {@code ""}), replacing and closing any earlier one.
     *
     * @param url the backend URL, such as {@code "mem://?size=1000&check_interval=1"}
     * @return the backend
     * @throws IllegalArgumentException for a malformed URL, an unknown scheme (the message lists
     *     the known ones and the module to add), or an unknown or ill-typed option (named)
     */
    public Backend setup(String url) {
        return setup(url, "", Map.of());
    }

    /**
     * Sets up a backend serving the keys that start with {@code prefix}, replacing and closing
     * any earlier backend of the same prefix.
     *
     * @param url the backend URL
     * @param prefix the key prefix; {@code ""} for the default backend
     * @return the backend
     * @throws IllegalArgumentException as for {@link #setup(String)}
     */
    public Backend setup(String url, String prefix) {
        return setup(url, prefix, Map.of());
    }

    /**
     * Sets up the default backend with options merged over the URL's.
     *
     * @param url the backend URL
     * @param options snake_case option names to values (text, numbers, booleans, durations);
     *     they win over options of the same name in the URL
     * @return the backend
     * @throws IllegalArgumentException as for {@link #setup(String)}
     */
    public Backend setup(String url, Map<String, ?> options) {
        return setup(url, "", options);
    }

    /**
     * Sets up a backend for a prefix with options merged over the URL's.
     *
     * @param url the backend URL
     * @param prefix the key prefix; {@code ""} for the default backend
     * @param options options that win over the URL's
     * @return the backend
     * @throws IllegalArgumentException as for {@link #setup(String)}
     */
    public Backend setup(String url, String prefix, Map<String, ?> options) {
        return setup(url, prefix, options, new Middleware[0]);
    }

    /**
     * Sets up the default backend with middlewares of its own.
     *
     * @param url the backend URL
     * @param middlewares this backend's middlewares, the first given outermost; see
     *     {@link Middleware} for the whole chain
     * @return the backend, without its middlewares
     * @throws IllegalArgumentException as for {@link #setup(String)}
     */
    public Backend setup(String url, Middleware... middlewares) {
        return setup(url, "", Map.of(), middlewares);
    }

    /**
     * Sets up a backend for a prefix with options and middlewares of its own. Its commands pass
     * through {@code middlewares} in the order given (the first is outermost), then through the
     * instance-wide ones of {@link #addMiddleware(Middleware...)}, then through the built-in
     * disabling and callback steps; see {@link Middleware}.
     *
     * @param url the backend URL
     * @param prefix the key prefix; {@code ""} for the default backend
     * @param options options that win over the URL's
     * @param middlewares this backend's middlewares; none for a plain backend
     * @return the backend, without its middlewares
     * @throws IllegalArgumentException as for {@link #setup(String)}
     */
    public Backend setup(String url, String prefix, Map<String, ?> options, Middleware... middlewares) {
        return router.setup(url, prefix, options, middlewares);
    }

    // ---------------------------------------------------------------- disabling

    // For the chains' disabling step.
    boolean isDisabled(Command command) {
        return switches.isDisabled(command);
    }

    /**
     * Disables commands for every thread until {@link #enable(Command...)}.
     *
     * @param commands the commands; none means all
     */
    public void disable(Command... commands) {
        switches.disable(commands);
    }

    /**
     * Enables commands disabled by {@link #disable(Command...)}. Scopes opened by
     * {@link #disabling(Command...)} are not affected.
     *
     * @param commands the commands; none means all
     */
    public void enable(Command... commands) {
        switches.enable(commands);
    }

    /**
     * Tells whether a command runs on the current thread: it is neither disabled instance-wide
     * nor by a {@link #disabling(Command...)} scope open on this thread.
     *
     * @param command the command
     * @return {@code true} if it is enabled here
     */
    public boolean isEnabled(Command command) {
        return !switches.isDisabled(Objects.requireNonNull(command, "command"));
    }

    /**
     * Disables commands on the current thread until the returned scope closes. Scopes nest;
     * closing one restores exactly what was disabled on this thread before it opened. A proxied
     * call made inside the scope captures it: its asynchronous completions honour it on whatever
     * thread they run, even after the scope has closed.
     *
     * @param commands the commands; none means all
     * @return the scope, to close on the same thread
     */
    public Scope disabling(Command... commands) {
        return switches.disabling(commands);
    }

    /**
     * Installs a listener of this instance's {@link CacheEvent}s: what every strategy and facade
     * command does (hits, misses, loads, stores, refusals, …). Listeners run on the calling thread
     * and must be quick; one that throws is logged once and never breaks a call (see
     * {@link CacheEventListener}).
     *
     * @param listener the listener
     * @return a scope whose closing removes the listener (closing twice does nothing more)
     * @throws NullPointerException if {@code listener} is null
     */
    public Scope addListener(CacheEventListener listener) {
        return events.add(listener);
    }

    /**
     * Tells whether a {@link CacheEventListener} is installed: one volatile read. Strategies check
     * it before they read the clock for an event's duration.
     *
     * @return {@code true} while at least one listener is installed
     */
    public boolean hasListeners() {
        return events.active();
    }

    /**
     * Reports a cache event to the listeners, if any; for strategies (generated code calls these)
     * and extensions. With no listener installed it returns after one volatile read and builds
     * nothing. The event's backend is the scheme of the backend serving {@code key}.
     *
     * @param kind what happened
     * @param strategy the strategy's name, such as {@code "simple"}
     * @param template the key template as written, or {@code null} for a facade command
     * @param key the rendered key
     * @param durationNanos the duration for {@link CacheEvent.Kind#LOAD} and
     *     {@link CacheEvent.Kind#LOCK_WAIT}, otherwise {@code -1}
     * @param outcome how it ended (see {@link CacheEvent#outcome()}), or {@code null}
     */
    public void report(CacheEvent.Kind kind, String strategy, @Nullable String template, String key,
            long durationNanos, @Nullable String outcome) {
        if (events.active()) {
            events.emit(kind, strategy, template, key, router.scheme(key), durationNanos, outcome);
        }
    }

    // A facade command's event: no template, no duration.
    void reportCommand(CacheEvent.Kind kind, String key, @Nullable String outcome) {
        report(kind, CacheEvent.FACADE, null, key, -1, outcome);
    }

    /**
     * For generated code: the reads and writes strategies make of their own entries, which report
     * no facade events (the strategy reports its own, with its template).
     *
     * @return the view, one per instance
     */
    public StrategyStore strategyStore() {
        return strategyStore;
    }

    /**
     * Opens a scope that records, on the current thread, every cache hit the strategies of this
     * instance serve (the strategy's name, TTL, key template, value and its own fields); see
     * {@link Detect}. Scopes nest and every open one receives each hit.
     *
     * @return the scope; read {@link Detect#calls()} inside it or after closing it
     */
    public Detect detect() {
        return DetectRecorder.open(this);
    }

    /**
     * Adds instance-wide middlewares: every backend's commands, of backends set up before or
     * after, pass through them after the backend's own middlewares and before the built-in
     * disabling and callback steps. The first added is outermost; see {@link Middleware}.
     *
     * @param added the middlewares, in order
     * @throws NullPointerException if one is null
     */
    public void addMiddleware(Middleware... added) {
        router.addMiddleware(added);
    }

    /**
     * Calls {@code callback} after each of {@code commands} that runs on this instance on the
     * current thread (and in the asynchronous completions of proxied calls made here) with a key
     * or pattern and an answer, until the returned scope closes; see {@link CacheCallback}.
     * Disabled commands are not reported. Callbacks are a built-in middleware: once one was
     * used, this instance's commands go through the middleware chain.
     *
     * @param callback the callback
     * @param commands the commands to report; none means all
     * @return the scope, to close on the same thread
     */
    public Scope callback(CacheCallback callback, Command... commands) {
        Objects.requireNonNull(callback, "callback");
        long bits = CommandSwitches.bits(commands);
        router.requireChained();
        return ThreadScopes.open(ChainedBackend.CALLBACKS, new ChainedBackend.Registration(this, callback, bits))::close;
    }

    /**
     * Sets the exceptions that {@code @Failover} (and other strategies that handle failures)
     * answer when their annotation lists none. Proxies read it when they are created, so it
     * changes the behaviour of proxies created afterwards only. The initial default is
     * {@code Exception}: every exception, never an {@link Error}.
     *
     * @param types the exception types; none restores the initial default
     * @throws NullPointerException if a type is null
     */
    @SafeVarargs
    public final void setDefaultFailExceptions(Class<? extends Throwable>... types) {
        List<Class<? extends Throwable>> chosen = List.of(types);
        defaultFailExceptions = chosen.isEmpty() ? List.of(Exception.class) : chosen;
    }

    /**
     * Returns the exceptions failure-handling strategies answer by default; see
     * {@link #setDefaultFailExceptions(Class[])}.
     *
     * @return the types, never empty
     */
    public List<Class<? extends Throwable>> defaultFailExceptions() {
        return defaultFailExceptions;
    }

    // ---------------------------------------------------------------- writes

    /**
     * Stores a value without expiry (clearing any earlier TTL of the key).
     *
     * @param key the key
     * @param value the value, may be null
     * @return {@code true} if stored; {@code false} when {@link Command#SET} is disabled
     * @throws NotConfiguredException if no backend serves the key
     */
    public boolean set(String key, @Nullable Object value) {
        return set(key, value, (Duration) null, Exist.ANY);
    }

    /**
     * Stores a value with a TTL.
     *
     * @param key the key
     * @param value the value, may be null
     * @param ttl the time to live, positive, or {@code null} for no expiry
     * @return {@code true} if stored; {@code false} when disabled
     * @throws IllegalArgumentException if {@code ttl} is zero or negative
     * @throws NotConfiguredException if no backend serves the key
     */
    public boolean set(String key, @Nullable Object value, @Nullable Duration ttl) {
        return set(key, value, ttl, Exist.ANY);
    }

    /**
     * Stores a value with a TTL written in the {@link Ttl} syntax.
     *
     * @param key the key
     * @param value the value, may be null
     * @param ttl the time to live, such as {@code "10m"}
     * @return {@code true} if stored; {@code false} when disabled
     * @throws IllegalArgumentException if {@code ttl} does not parse or is zero
     * @throws NotConfiguredException if no backend serves the key
     */
    public boolean set(String key, @Nullable Object value, String ttl) {
        return set(key, value, Ttl.parse(ttl), Exist.ANY);
    }

    /**
     * Stores a value depending on whether the key exists.
     *
     * @param key the key
     * @param value the value, may be null
     * @param ttl the time to live, positive, or {@code null} for no expiry
     * @param exist {@link Exist#ANY}, only if {@link Exist#PRESENT} or only if {@link Exist#ABSENT}
     * @return {@code true} if stored; {@code false} when the existence condition failed or
     *     {@link Command#SET} is disabled
     * @throws IllegalArgumentException if {@code ttl} is zero or negative
     * @throws NotConfiguredException if no backend serves the key
     */
    public boolean set(String key, @Nullable Object value, @Nullable Duration ttl, Exist exist) {
        boolean stored = write(key, value, ttl, exist);
        if (stored && events.active()) {
            reportCommand(CacheEvent.Kind.PUT, key, null);
        }
        return stored;
    }

    CommandCore core() {
        return core;
    }

    Flow syncFlow() {
        return sync;
    }

    // The set strategies make: no facade event.
    boolean write(String key, @Nullable Object value, @Nullable Duration ttl, Exist exist) {
        Route r = core.set(key, ttl, exist);
        return r != null && r.backend.set(key, CommandCore.wrap(value), ttl, exist);
    }

    /**
     * Stores a value as is, without expiry, bypassing the backend's codec where it has one.
     *
     * @param key the key
     * @param value the value, may be null
     * @return {@code true} if stored; {@code false} when disabled
     * @throws NotConfiguredException if no backend serves the key
     */
    public boolean setRaw(String key, @Nullable Object value) {
        Route r = core.target(Command.SET_RAW, key);
        boolean stored = r != null && r.backend.setRaw(key, CommandCore.wrap(value));
        if (stored && events.active()) {
            reportCommand(CacheEvent.Kind.PUT, key, null);
        }
        return stored;
    }

    /**
     * Stores several values with one TTL; keys may belong to different backends.
     *
     * @param pairs keys to values (values may be null)
     * @param ttl the time to live, positive, or {@code null} for no expiry
     * @throws IllegalArgumentException if {@code ttl} is zero or negative
     * @throws NotConfiguredException if no backend serves one of the keys
     */
    public void setMany(Map<String, ?> pairs, @Nullable Duration ttl) {
        core.setMany(sync, pairs, ttl);
        if (events.active()) {
            for (String key : pairs.keySet()) {
                reportCommand(CacheEvent.Kind.PUT, key, null);
            }
        }
    }

    // ---------------------------------------------------------------- reads

    /**
     * Reads a value.
     *
     * @param key the key
     * @param <T> the expected type (unchecked)
     * @return the value, or {@code null} when missing, stored as {@code null} or disabled
     * @throws NotConfiguredException if no backend serves the key
     */
    public <T> @Nullable T get(String key) {
        return get(key, null);
    }

    /**
     * Reads a value, telling a miss from a stored {@code null}.
     *
     * @param key the key
     * @param defaultValue what to return for a miss (or when {@link Command#GET} is disabled)
     * @param <T> the expected type (unchecked)
     * @return the stored value ({@code null} if {@code null} was stored), or {@code defaultValue};
     *     a value stored as JSON ({@code serializer=json}) comes back as maps, lists, strings,
     *     numbers and booleans: use {@link #getAs(String, ValueType)} to read it as a class
     * @throws NotConfiguredException if no backend serves the key
     */
    @SuppressWarnings("unchecked")
    public <T> @Nullable T get(String key, @Nullable T defaultValue) {
        return (T) (events.active() ? observedRead(key, ValueType.ANY, defaultValue)
                : read(key, ValueType.ANY, defaultValue));
    }

    /**
     * Reads a value of a declared type: a value stored as JSON is decoded into it, and a value of
     * another type (stored by other code under the same key, or a class that changed) is a miss.
     *
     * @param key the key
     * @param type the type expected, such as {@code ValueType.of(List.class, ValueType.of(Order.class))}
     * @param <T> the type
     * @return the value, or {@code null} when missing, stored as {@code null}, not of the type or disabled
     * @throws NotConfiguredException if no backend serves the key
     */
    public <T> @Nullable T getAs(String key, ValueType<T> type) {
        return getAs(key, type, null);
    }

    /**
     * Reads a value of a declared type, telling a miss from a stored {@code null}; see
     * {@link #getAs(String, ValueType)}.
     *
     * @param key the key
     * @param type the type expected
     * @param defaultValue what to return for a miss, a value of another type, or when
     *     {@link Command#GET} is disabled
     * @param <T> the type
     * @return the stored value ({@code null} if {@code null} was stored), or {@code defaultValue}
     * @throws NotConfiguredException if no backend serves the key
     */
    @SuppressWarnings("unchecked")
    public <T> @Nullable T getAs(String key, ValueType<? extends T> type, @Nullable T defaultValue) {
        Objects.requireNonNull(type, "type");
        return (T) (events.active() ? observedRead(key, type, defaultValue) : read(key, type, defaultValue));
    }

    // A facade read while a listener is installed: a hit or a miss, then the answer.
    private @Nullable Object observedRead(String key, ValueType<?> type, @Nullable Object defaultValue) {
        Object stored = read(key, type, CommandCore.ABSENT);
        reportCommand(stored == CommandCore.ABSENT ? CacheEvent.Kind.MISS : CacheEvent.Kind.HIT, key, null);
        return stored == CommandCore.ABSENT ? defaultValue : stored;
    }

    // Also the blocking read getOrSet makes of it.
    @Nullable Object read(String key, ValueType<?> type, @Nullable Object defaultValue) {
        if (core.invalidates(Command.GET)) {
            return core.invalidate(sync, key, defaultValue).value();
        }
        Route r = core.target(Command.GET, key);
        return r == null ? defaultValue : CommandCore.read(r.backend.get(key), type, defaultValue, r.encodes);
    }

    /**
     * Reads a value, or computes, stores and returns it on a miss. When {@link Command#GET_OR_SET}
     * is disabled the value is computed and returned without touching the cache. A value stored as
     * JSON ({@code serializer=json}) is read back untyped (see {@link #get(String, Object)}): use
     * {@link #getOrSet(String, ValueType, Callable, Duration)} to read it as a class.
     *
     * @param key the key
     * @param value computes the value on a miss; its checked exception is rethrown wrapped in an
     *     {@link UndeclaredThrowableException}, unchecked ones as they are
     * @param ttl the time to live, positive, or {@code null} for no expiry
     * @param <T> the value type
     * @return the stored or computed value
     * @throws IllegalArgumentException if {@code ttl} is zero or negative
     * @throws NotConfiguredException if no backend serves the key
     */
    @SuppressWarnings("unchecked")
    public <T> @Nullable T getOrSet(String key, Callable<? extends @Nullable T> value, @Nullable Duration ttl) {
        return (T) getOrSet(key, ValueType.ANY, value, ttl);
    }

    /**
     * Reads a value of a declared type, or computes, stores and returns it on a miss (a stored
     * value of another type counts as a miss and is replaced); see {@link #getAs(String, ValueType)}.
     *
     * @param key the key
     * @param type the type expected
     * @param value computes the value on a miss; its checked exception is rethrown wrapped in an
     *     {@link UndeclaredThrowableException}, unchecked ones as they are
     * @param ttl the time to live, positive, or {@code null} for no expiry
     * @param <T> the value type
     * @return the stored or computed value
     * @throws IllegalArgumentException if {@code ttl} is zero or negative
     * @throws NotConfiguredException if no backend serves the key
     */
    @SuppressWarnings("unchecked")
    public <T> @Nullable T getOrSet(String key, ValueType<? extends T> type, Callable<? extends @Nullable T> value,
            @Nullable Duration ttl) {
        return (T) core.getOrSet(sync, key, type, value, "value", loader -> Step.now(call(loader)), ttl).value();
    }

    // The blocking load of getOrSet: a checked exception arrives wrapped, unchecked ones as they are.
    private static <T> T call(Callable<T> callable) {
        try {
            return callable.call();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new UndeclaredThrowableException(e, "the value for getOrSet failed: " + e);
        }
    }

    /**
     * Reads a value as stored, bypassing the backend's codec where it has one.
     *
     * @param key the key
     * @param <T> the expected type (unchecked)
     * @return the value, or {@code null} when missing or disabled
     * @throws NotConfiguredException if no backend serves the key
     */
    public <T> @Nullable T getRaw(String key) {
        Route r = core.target(Command.GET_RAW, key);
        Object stored = r == null ? null : r.backend.getRaw(key);
        if (events.active()) {
            reportRead(key, stored);
        }
        return CommandCore.unwrap(stored);
    }

    // A raw read's event: a backend answers null for a miss, and a stored null comes back wrapped.
    void reportRead(String key, @Nullable Object stored) {
        reportCommand(stored == null ? CacheEvent.Kind.MISS : CacheEvent.Kind.HIT, key, null);
    }

    /**
     * Reads several values; keys may belong to different backends.
     *
     * @param keys the keys
     * @return a list with one element per key, in key order: the value, or {@code null} for a miss
     *     or a stored {@code null}; all {@code null} when disabled
     * @throws NotConfiguredException if no backend serves one of the keys
     */
    public List<@Nullable Object> getMany(String... keys) {
        return core.getMany(sync, keys).value();
    }

    /**
     * Reads every entry whose key matches a glob pattern ({@code *}, {@code ?}, {@code [abc]}). The pattern is taken as written: {@code *}, {@code ?} and {@code [} are wildcards unless
     * escaped with a backslash, and keys that proxies render hold caller values escaped
     * ({@code acl:alice\:admin}), so never build a pattern from a caller's value unescaped.
     *
     * @param pattern the pattern
     * @return the matching entries (values may be null), in no particular order; empty when
     *     disabled
     * @throws IllegalArgumentException if the pattern is malformed
     * @throws NotConfiguredException if the instance has no backend
     */
    public Stream<Map.Entry<String, @Nullable Object>> getMatch(String pattern) {
        return core.getMatch(sync, pattern).value().stream();
    }

    // ---------------------------------------------------------------- counters

    /**
     * Adds 1 to a counter (a missing key counts as 0) without changing its TTL.
     *
     * @param key the key
     * @return the new value; 0 when disabled
     * @throws IllegalStateException if the stored value is not an integer
     * @throws NotConfiguredException if no backend serves the key
     */
    public long incr(String key) {
        return incr(key, 1, null);
    }

    /**
     * Adds to a counter. A missing key counts as 0 and is created with {@code ttl}; an existing
     * key keeps its TTL.
     *
     * @param key the key
     * @param by the amount, may be negative
     * @param ttl the TTL for a newly created counter, positive, or {@code null} for none
     * @return the new value; 0 when disabled
     * @throws IllegalArgumentException if {@code ttl} is zero or negative
     * @throws IllegalStateException if the stored value is not an integer (the message names the key)
     * @throws NotConfiguredException if no backend serves the key
     */
    public long incr(String key, long by, @Nullable Duration ttl) {
        if (core.incrInvalidates(ttl)) {
            return core.invalidate(sync, key, 0L).value();
        }
        Route r = core.target(Command.INCR, key);
        return r == null ? 0 : r.backend.incr(key, by, ttl);
    }

    /**
     * Counts calls in a sliding window and records this one if the window has room, atomically
     * on the backend: the counter of {@code @SliceRateLimit} and {@code @CircuitBreaker}. The
     * window is {@code (startMillis, endMillis]}; every recorded call has its own timestamp (equal
     * timestamps count separately); see {@link Backend#sliceIncr} for the exact steps.
     *
     * @param key the key
     * @param startMillis the exclusive start of the window, epoch milliseconds
     * @param endMillis now, epoch milliseconds; the timestamp recorded
     * @param maxValue the most calls the window holds
     * @param ttl how long the key lives after the last recorded call, positive
     * @return this call's rank in the window: the number of calls in it before this one, plus 1
     *     ({@code maxValue + 1} means the window was full and the call was not recorded); 0 when
     *     disabled
     * @throws IllegalArgumentException if {@code ttl} is not positive
     * @throws IllegalStateException if the key holds another kind of value
     * @throws NotConfiguredException if no backend serves the key
     */
    public long sliceIncr(String key, long startMillis, long endMillis, long maxValue, Duration ttl) {
        Route r = core.sliceIncr(key, ttl);
        return r == null ? 0 : r.backend.sliceIncr(key, startMillis, endMillis, maxValue, ttl);
    }

    /**
     * Reads unsigned bit fields of {@code size} bits, field {@code i} at bit offset
     * {@code i * size} (Redis' {@code BITFIELD GET u<size> #i}): the storage of Bloom filters. A
     * missing key reads as zeros. See {@link Backend#getBits} for the layout.
     *
     * @param key the key
     * @param size the field width, 1 to 63
     * @param indexes the field indexes, not negative
     * @return the values, positional; an <em>empty</em> array when the command is disabled, so
     *     that a caller can tell "no answer" from "all zero"
     * @throws IllegalArgumentException if {@code size} or an index is out of range
     * @throws IllegalStateException if the key holds a value that is not a bit array
     * @throws NotConfiguredException if no backend serves the key
     */
    public long[] getBits(String key, int size, long... indexes) {
        Route r = core.bits(Command.GET_BITS, key, size, indexes);
        return r == null ? NO_BITS : r.backend.getBits(key, size, indexes);
    }

    /**
     * Adds to unsigned bit fields with saturation (clamped to {@code [0, 2^size - 1]}),
     * atomically. A missing key is created without expiry; an existing key keeps its TTL.
     *
     * @param key the key
     * @param size the field width, 1 to 63
     * @param by the amount added to each field, may be negative
     * @param indexes the field indexes, not negative
     * @return the new values, positional; an empty array when the command is disabled (nothing
     *     is changed then)
     * @throws IllegalArgumentException if {@code size} or an index is out of range
     * @throws IllegalStateException if the key holds a value that is not a bit array
     * @throws NotConfiguredException if no backend serves the key
     */
    public long[] incrBits(String key, int size, long by, long... indexes) {
        Route r = core.bits(Command.INCR_BITS, key, size, indexes);
        return r == null ? NO_BITS : r.backend.incrBits(key, size, by, indexes);
    }

    // ---------------------------------------------------------------- keys

    /**
     * Tells whether a key exists (and has not expired).
     *
     * @param key the key
     * @return {@code true} if it exists; {@code false} when disabled
     * @throws NotConfiguredException if no backend serves the key
     */
    public boolean exists(String key) {
        Route r = core.target(Command.EXISTS, key);
        return r != null && r.backend.exists(key);
    }

    /**
     * Deletes a key.
     *
     * @param key the key
     * @return {@code true} if it existed; {@code false} when disabled
     * @throws NotConfiguredException if no backend serves the key
     */
    public boolean delete(String key) {
        boolean deleted = core.delete(sync, key).value();
        if (events.active()) {
            reportCommand(CacheEvent.Kind.REMOVE, key, deleted ? "removed" : "absent");
        }
        return deleted;
    }

    /**
     * Deletes several keys; keys may belong to different backends.
     *
     * @param keys the keys
     * @return how many existed; 0 when disabled
     * @throws NotConfiguredException if no backend serves one of the keys
     */
    public long deleteMany(String... keys) {
        long deleted = core.deleteMany(sync, keys).value();
        if (events.active()) {
            for (String key : keys) {
                reportCommand(CacheEvent.Kind.REMOVE, key, null);
            }
        }
        return deleted;
    }

    /**
     * Deletes every key matching a glob pattern. The pattern is taken as written: {@code *}, {@code ?} and {@code [} are wildcards unless
     * escaped with a backslash, and keys that proxies render hold caller values escaped
     * ({@code acl:alice\:admin}), so never build a pattern from a caller's value unescaped.
     *
     * @param pattern the pattern
     * @return how many keys were deleted; 0 when disabled
     * @throws IllegalArgumentException if the pattern is malformed
     * @throws NotConfiguredException if the instance has no backend
     */
    public long deleteMatch(String pattern) {
        long deleted = core.deleteMatch(sync, pattern).value();
        if (events.active()) {
            reportRemovals(pattern, deleted);
        }
        return deleted;
    }

    // The keys a pattern deleted are not known one by one: one REMOVE each, under the pattern.
    void reportRemovals(String pattern, long deleted) {
        for (long i = 0; i < deleted; i++) {
            reportCommand(CacheEvent.Kind.REMOVE, pattern, "removed");
        }
    }

    /**
     * Lists the keys matching a glob pattern, taken as written (see {@link #deleteMatch}).
     *
     * @param pattern the pattern
     * @return the keys, in no particular order; empty when disabled
     * @throws IllegalArgumentException if the pattern is malformed
     * @throws NotConfiguredException if the instance has no backend
     */
    public Stream<String> scan(String pattern) {
        return core.scan(sync, pattern).value().stream();
    }

    /**
     * Lists at most {@code limit} of the keys matching a glob pattern, walking each backend no
     * further than it must (see {@link io.cashews.spi.Backend#scan(io.cashews.spi.Glob, int)}):
     * the listing to use on a store too large to list whole, as an inspection endpoint does. Ask
     * for one more than you show to know whether there are more.
     *
     * @param pattern the pattern, taken as written (see {@link #deleteMatch})
     * @param limit the most keys to list, at least 1
     * @return up to {@code limit} keys, in no particular order; empty when disabled
     * @throws IllegalArgumentException if the pattern is malformed or {@code limit} is below 1
     * @throws NotConfiguredException if the instance has no backend
     */
    public Stream<String> scan(String pattern, int limit) {
        return core.scan(pattern, limit).stream();
    }

    /**
     * Changes the TTL of an existing key. A zero or negative {@code ttl} deletes the key;
     * {@code null} makes it never expire.
     *
     * @param key the key
     * @param ttl the new TTL, or {@code null} for none
     * @return {@code true} if the key existed; {@code false} when disabled
     * @throws NotConfiguredException if no backend serves the key
     */
    public boolean expire(String key, @Nullable Duration ttl) {
        Route r = core.target(Command.EXPIRE, key);
        return r != null && r.backend.expire(key, ttl);
    }

    /**
     * Returns the time a key has left.
     *
     * @param key the key
     * @return whole seconds left (rounded to the nearest), {@code -1} if it never expires,
     *     {@code -2} if it does not exist (also when disabled)
     * @throws NotConfiguredException if no backend serves the key
     */
    public long getExpire(String key) {
        Route r = core.target(Command.GET_EXPIRE, key);
        return r == null ? CommandCore.NO_KEY : r.backend.getExpire(key);
    }

    // ---------------------------------------------------------------- instance-wide

    /**
     * The backends set up on this instance, as {@code setup} made them (without middlewares), by
     * the key prefix they serve ({@code ""} for the default backend), longest prefix first. For
     * inspection, such as a health check that pings each one: commands go through the instance.
     *
     * @return an unmodifiable snapshot; empty when nothing is set up
     */
    public Map<String, Backend> backends() {
        return router.backends();
    }

    /**
     * Checks that every backend answers.
     *
     * @return {@code "PONG"}, or {@code null} when {@link Command#PING} is disabled
     * @throws NotConfiguredException if the instance has no backend
     */
    public @Nullable String ping() {
        return core.ping(sync).value();
    }

    /**
     * Deletes every key of every backend; does nothing when disabled.
     *
     * @throws NotConfiguredException if the instance has no backend
     */
    public void clear() {
        core.clear(sync);
    }

    /**
     * Counts the keys of every backend, expired ones excluded.
     *
     * @return the number of keys; 0 when disabled
     * @throws NotConfiguredException if the instance has no backend
     */
    public long getKeysCount() {
        return core.getKeysCount(sync).value();
    }

    /**
     * Counts the entries the backends removed on their own since they were set up: evicted by a
     * size limit, or expired and cleared by maintenance; deletes and overwrites are not counted.
     * The memory and disk backends count them (the disk backend counts what this process
     * removed); Redis does not, as it evicts on the server. Cheap: metrics read it on every scrape.
     *
     * @return the sum over the backends that count, or empty when none does or none is set up
     */
    public OptionalLong evictionCount() {
        long sum = 0;
        boolean known = false;
        for (Route r : router.installedRoutes()) {
            long count = r.raw.evictionCount();
            if (count >= 0) {
                sum += count;
                known = true;
            }
        }
        return known ? OptionalLong.of(sum) : OptionalLong.empty();
    }

    /**
     * Closes every backend and forgets them; the instance can be set up again afterwards.
     * Closing an instance without backends does nothing.
     */
    @Override
    public void close() {
        router.close();
    }

    // ---------------------------------------------------------------- locks

    /**
     * Tells whether a lock key is held.
     *
     * @param key the lock key
     * @return {@code true} if held; {@code false} when disabled
     * @throws NotConfiguredException if no backend serves the key
     */
    public boolean isLocked(String key) {
        Route r = core.target(Command.IS_LOCKED, key);
        return r != null && r.backend.isLocked(key);
    }

    /**
     * Takes a lock, waiting (polling with a short, growing pause) until it is free, and returns a
     * scope that releases it. The lock holds a unique value, so closing the scope never releases
     * a lock someone else took after this one expired. When {@link Command#LOCK} is disabled the
     * scope is returned at once and holds nothing.
     *
     * @param key the lock key
     * @param expire how long the lock holds at most if the scope is never closed; positive
     * @return the held lock; close it to release
     * @throws IllegalArgumentException if {@code expire} is not positive
     * @throws LockedException if the waiting thread is interrupted (its interrupt flag is kept)
     * @throws NotConfiguredException if no backend serves the key
     */
    public Scope lock(String key, Duration expire) {
        return lock(key, expire, null);
    }

    /**
     * Takes a lock as {@link #lock(String, Duration)} does, but waits at most
     * {@code waitTimeout} for it. The pauses between attempts and the timeout follow the
     * instance's {@link #clock()}; a release in this JVM ends a pause at once.
     *
     * @param key the lock key
     * @param expire how long the lock holds at most if the scope is never closed; positive
     * @param waitTimeout how long to wait for the lock at most; positive, or {@code null} to
     *     wait until it is free
     * @return the held lock; close it to release
     * @throws IllegalArgumentException if {@code expire} or {@code waitTimeout} is not positive
     * @throws LockedException if the lock is still held after {@code waitTimeout}, or the waiting
     *     thread is interrupted (its interrupt flag is kept)
     * @throws NotConfiguredException if no backend serves the key
     */
    public Scope lock(String key, Duration expire, @Nullable Duration waitTimeout) {
        return locks.lock(key, expire, waitTimeout);
    }

    /**
     * Takes a lock if it is free, without waiting.
     *
     * @param key the lock key
     * @param value the holder's value, needed for {@link #unlock(String, String)}
     * @param expire how long the lock holds at most; positive
     * @return {@code true} if taken; {@code false} if held by someone or disabled
     * @throws IllegalArgumentException if {@code expire} is not positive
     * @throws NotConfiguredException if no backend serves the key
     */
    public boolean setLock(String key, String value, Duration expire) {
        Route r = locks.setLock(key, value, expire);
        return r != null && r.backend.setLock(key, value, expire);
    }

    /**
     * Tells whether {@link #setLock} can take a lock on {@code key} at all: {@code false} when
     * {@link Command#SET_LOCK} is disabled (instance-wide or by a {@link #disabling} scope on this
     * thread) or when the backend serving the key was set up disabled, so that every
     * {@code setLock} is refused without anyone holding the lock. Strategies that wait for a lock
     * ask this first and then run unlocked, instead of taking a refused lock for a disabled one.
     *
     * @param key the lock key
     * @return whether {@code setLock} on this key can succeed
     * @throws NotConfiguredException if no backend serves the key
     */
    public boolean canLock(String key) {
        return locks.canLock(key);
    }

    /**
     * Releases a lock only if it is held with {@code value} (compare-and-delete, atomic).
     *
     * @param key the lock key
     * @param value the value the lock was taken with
     * @return {@code true} if released; {@code false} if not held, held with another value, or
     *     disabled
     * @throws NotConfiguredException if no backend serves the key
     */
    public boolean unlock(String key, String value) {
        Route r = locks.unlock(key, value);
        return r != null && Locks.released(key, r.backend.unlock(key, value));
    }

    // ---------------------------------------------------------------- transactions

    /**
     * Opens a {@link TransactionMode#LOCKED} transaction with the default timeout of 10 seconds;
     * see {@link #transaction(TransactionMode, Duration)}.
     *
     * @return the open transaction; commit it, and close it (closing without commit rolls back)
     */
    public CacheTransaction transaction() {
        return transactions.open(null, null);
    }

    /**
     * Opens a transaction on the current thread. Until it closes, the buffered commands
     * ({@code set}, {@code setMany}, {@code delete}, {@code deleteMany}, {@code deleteMatch},
     * {@code incr}, {@code expire}, sync and async) issued on this thread, and by proxied calls
     * made on it, are kept private to the transaction and seen by its reads; other threads see
     * nothing of them before {@link CacheTransaction#commit()}. Disabled commands stay disabled
     * inside. When a transaction of this instance is already open here, the new one joins it.
     *
     * @param mode the isolation mode, {@code null} for {@link TransactionMode#LOCKED}
     * @param timeout how long a write waits for a lock (and how long a lock holds unless the
     *     transaction's activity extends it, see {@link CacheTransaction}), {@code null} for 10
     *     seconds; positive
     * @return the open transaction; commit it, and close it (closing without commit rolls back)
     * @throws IllegalArgumentException if {@code timeout} is not positive
     */
    public CacheTransaction transaction(@Nullable TransactionMode mode, @Nullable Duration timeout) {
        return transactions.open(mode, timeout);
    }

    /**
     * Runs {@code work} in a transaction: commits when it returns, rolls back when it throws.
     * Inside an open transaction of this instance it joins that one (which then decides).
     *
     * @param mode the isolation mode, {@code null} for {@link TransactionMode#LOCKED}
     * @param timeout the lock timeout, {@code null} for 10 seconds; positive
     * @param work the work
     * @param <T> its result type
     * @return what {@code work} returned
     * @throws Exception what {@code work} threw, unchanged (after the rollback)
     * @throws LockedException if a write could not take its lock within {@code timeout}
     * @throws IllegalArgumentException if {@code timeout} is not positive
     */
    public <T> @Nullable T transaction(@Nullable TransactionMode mode, @Nullable Duration timeout,
            Callable<? extends @Nullable T> work) throws Exception {
        Objects.requireNonNull(work, "work");
        try (CacheTransaction tx = transaction(mode, timeout)) {
            T result = work.call();
            tx.commit();
            return result;
        }
    }

    // For the scope machinery and asynchronous transactions: the transaction in effect here, or null.
    @Nullable Transaction currentTransaction() {
        return transactions.current();
    }

    // For transactions, which rebuild a route's chain over their buffer.
    List<Middleware> instanceMiddlewares() {
        return router.instanceMiddlewares();
    }

    // ---------------------------------------------------------------- sets

    /**
     * Adds members to the string set at {@code key} (created when missing), atomically. Sets are
     * not user values: {@code get} of a set key is a miss.
     *
     * @param key the key
     * @param ttl the TTL of the whole set, positive, or {@code null} to keep the key's TTL (none
     *     for a new set)
     * @param members the members
     * @return how many members were new; 0 when disabled
     * @throws IllegalArgumentException if {@code ttl} is zero or negative
     * @throws IllegalStateException if the key holds something other than a set
     * @throws NotConfiguredException if no backend serves the key
     */
    public long setAdd(String key, @Nullable Duration ttl, String... members) {
        Route r = core.setAdd(key, ttl, members);
        return r == null ? 0 : r.backend.setAdd(key, ttl, members);
    }

    /**
     * Removes members from the set at {@code key}; a set left empty is deleted.
     *
     * @param key the key
     * @param members the members
     * @return how many were removed; 0 when disabled
     * @throws IllegalStateException if the key holds something other than a set
     * @throws NotConfiguredException if no backend serves the key
     */
    public long setRemove(String key, String... members) {
        Route r = core.setRemove(key, members);
        return r == null ? 0 : r.backend.setRemove(key, members);
    }

    /**
     * Removes and returns up to {@code count} members of the set at {@code key}.
     *
     * @param key the key
     * @param count the most members to take, positive
     * @return the members taken, in no particular order; empty for a missing key or when disabled
     * @throws IllegalArgumentException if {@code count} is not positive
     * @throws IllegalStateException if the key holds something other than a set
     * @throws NotConfiguredException if no backend serves the key
     */
    public List<String> setPop(String key, int count) {
        Route r = core.setPop(key, count);
        return r == null ? List.of() : r.backend.setPop(key, count);
    }

    /**
     * Reads the members of the set at {@code key}.
     *
     * @param key the key
     * @return the members, in no particular order; empty for a missing key or when disabled
     * @throws IllegalStateException if the key holds something other than a set
     * @throws NotConfiguredException if no backend serves the key
     */
    public Set<String> setMembers(String key) {
        Route r = core.target(Command.SET_MEMBERS, key);
        return r == null ? Set.of() : r.backend.setMembers(key);
    }

    // ---------------------------------------------------------------- tags

    /** The prefix of the set that holds a tag's keys: tag {@code t} lives at {@code "_tag:" + t}. */
    public static final String TAG_PREFIX = "_tag:";

    /**
     * Registers a tag template for a key template: values whose key matches {@code keyTemplate}
     * may then be stored with tags that match {@code tag} ({@link #set(String, Object, Duration,
     * String...)}), and deleting such a key removes it from the tag the registry derives for it.
     * Templates use the key template syntax at run time: literal text and {@code {name}},
     * {@code {name.prop}}, {@code {name:formatter}}, {@code {@:get(name)}} placeholders. As a
     * pattern, a placeholder matches any text; a tag placeholder renders what the key's
     * placeholder of the same root name captured (else the {@link KeyContext} value of that name),
     * with the built-in formatters applied. For example {@code registerTag("user:{id}",
     * "profile:{id}:{lang}")} lets {@code "profile:7:en"} be tagged {@code "user:7"}. One tag
     * template may be registered for several key templates. Generated proxies register the tags
     * of their annotations themselves.
     *
     * @param tag the tag template
     * @param keyTemplate the key template
     * @throws IllegalArgumentException if a template is malformed
     */
    public void registerTag(String tag, String keyTemplate) {
        core.tags.registry.register(tag, keyTemplate);
    }

    /**
     * The tag templates registered on this instance ({@link #registerTag}, and by generated
     * proxies for their annotations), each with its key templates, in registration order.
     *
     * @return an unmodifiable snapshot, tag template to key templates
     */
    public Map<String, List<String>> registeredTags() {
        return core.tags.registry.templates();
    }

    /**
     * Returns the tags the registry derives for a key: for each registered tag template, in
     * registration order, the first of its key templates that matches the key renders it.
     *
     * @param key the key
     * @return the tags, possibly empty
     */
    public List<String> getKeyTags(String key) {
        return core.tags.registry.tagsOf(key);
    }

    /**
     * Stores a value and adds its key to each tag's set ({@code "_tag:" + tag}, on the backend
     * that serves that prefix: the default one, or one set up with {@code setup(url, "_tag:")}),
     * with the value's TTL applied to the whole set (the last writer's TTL wins; without a TTL the
     * set stops expiring). {@link #deleteTags(String...)} later deletes every key of a tag.
     *
     * @param key the key
     * @param value the value, may be null
     * @param ttl the time to live, positive, or {@code null} for no expiry
     * @param tags the tags; none stores like {@link #set(String, Object, Duration)}
     * @return {@code true} if stored; {@code false} when disabled (no tag is written then)
     * @throws TagNotRegisteredException if a tag was not registered for a key template matching
     *     {@code key} (checked before anything is written)
     * @throws IllegalArgumentException if {@code ttl} is zero or negative
     * @throws NotConfiguredException if no backend serves the key or the tags
     */
    public boolean set(String key, @Nullable Object value, @Nullable Duration ttl, String... tags) {
        boolean stored = writeTagged(key, value, ttl, tags);
        if (stored && events.active()) {
            reportCommand(CacheEvent.Kind.PUT, key, null);
        }
        return stored;
    }

    // The tagged set strategies make: no facade event.
    boolean writeTagged(String key, @Nullable Object value, @Nullable Duration ttl, String... tags) {
        return core.tags.set(sync, key, value, ttl, tags).value();
    }

    /**
     * Deletes every key stored with any of these tags, and the tags' sets. A key deleted this way
     * also leaves the other tags it had. An unknown or empty tag is no error. Members are read in
     * batches of 100, so a huge tag does not load all its keys at once.
     *
     * @param tags the tags
     * @throws NotConfiguredException if no backend serves the tags
     */
    public void deleteTags(String... tags) {
        core.tags.deleteTags(sync, tags);
    }

    // ---------------------------------------------------------------- invalidateFurther

    /**
     * Opens a scope, on the current thread, in which reads delete what they would have returned
     * and miss: {@code get} deletes the key and returns the default, {@code getMany} deletes its
     * keys and returns all {@code null}, {@code getMatch} deletes the matching keys and returns
     * nothing, {@code incr} deletes the counter and returns 0 (the asynchronous view alike).
     * Writes pass, so a cached method called inside recomputes and stores a fresh value. A proxied
     * call made inside carries the scope to its asynchronous completions.
     *
     * <pre>{@code
     * try (Scope scope = cache.invalidateFurther()) {
     *     service.profile(id);   // recomputed and stored again
     * }
     * }</pre>
     *
     * @return the scope, to close on the same thread
     */
    public Scope invalidateFurther() {
        return ThreadScopes.open(CommandCore.INVALIDATING, this)::close;
    }

    // ---------------------------------------------------------------- async

    /**
     * Returns the asynchronous view of this instance: the same commands, returning
     * {@link java.util.concurrent.CompletableFuture}s.
     *
     * @return the view, one per instance
     */
    public AsyncCashews async() {
        return async;
    }

    @Override
    public String toString() {
        return "Cashews" + router;
    }

    /** Builds a {@link Cashews} with a chosen clock, executor and extra backend providers. */
    public static final class Builder {
        private CacheClock clock = CacheClock.coarse();
        private @Nullable Executor executor;
        private final List<BackendProvider> providers = new ArrayList<>();
        private final List<Middleware> middlewares = new ArrayList<>();
        private final List<CacheEventListener> listeners = new ArrayList<>();

        private Builder() {
        }

        /**
         * Adds instance-wide middlewares, as {@link Cashews#addMiddleware(Middleware...)} does
         * after building; the first added is outermost.
         *
         * @param added the middlewares, in order
         * @return this builder
         */
        public Builder middleware(Middleware... added) {
            middlewares.addAll(List.of(added));
            return this;
        }

        /**
         * Sets the clock for expiry and timing; default {@link CacheClock#coarse()}.
         *
         * @param clock the clock, such as a {@link io.cashews.time.ManualClock} in tests
         * @return this builder
         */
        public Builder clock(CacheClock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets the executor for background work; default a shared pool of daemon threads.
         *
         * @param executor the executor; {@code Runnable::run} runs everything on the caller
         * @return this builder
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * Adds a backend provider that wins over the ones found by {@link ServiceLoader}.
         *
         * @param provider the provider
         * @return this builder
         */
        public Builder provider(BackendProvider provider) {
            providers.add(Objects.requireNonNull(provider, "provider"));
            return this;
        }

        /**
         * Installs a cache event listener on the built instance, as
         * {@link Cashews#addListener(CacheEventListener)} does after building.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(CacheEventListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Builds the instance, without backends; call {@code setup(url)} next.
         *
         * @return the new instance
         */
        public Cashews build() {
            Executor chosen = executor == null ? DefaultExecutor.get() : executor;
            Cashews built = new Cashews(clock, chosen, List.copyOf(providers));
            if (!middlewares.isEmpty()) {
                built.addMiddleware(middlewares.toArray(new Middleware[0]));
            }
            for (CacheEventListener listener : listeners) {
                built.addListener(listener);
            }
            return built;
        }
    }
}
