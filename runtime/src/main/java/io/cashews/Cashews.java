package io.cashews;

import io.cashews.base.LockWait;
import io.cashews.base.ThreadScopes;
import io.cashews.codec.ValueType;
import io.cashews.spi.Backend;
import io.cashews.spi.BackendContext;
import io.cashews.spi.BitArray;
import io.cashews.spi.BackendProvider;
import io.cashews.spi.CacheUrl;
import io.cashews.spi.Glob;
import io.cashews.spi.NullValue;
import io.cashews.spi.Options;
import io.cashews.time.CacheClock;
import java.lang.reflect.UndeclaredThrowableException;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
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

    private static final Route[] NO_ROUTES = new Route[0];
    private static final long ALL_COMMANDS = -1L >>> (Long.SIZE - Command.values().length);
    private static final Set<String> COMMON_OPTIONS = Set.of("enable", "disable");
    // Returned by the internal read path for a miss, so a stored null stays distinguishable.
    static final Object ABSENT = new Object();
    // What a disabled bit command answers; empty, so sharing one instance is safe.
    static final long[] NO_BITS = new long[0];
    private static final long LOCK_FIRST_WAIT_NANOS = 1_000_000L;
    private static final long LOCK_MAX_WAIT_NANOS = 50_000_000L;
    // Last of the static fields: its constructor reads the ones above.
    private static final Cashews DEFAULT = new Cashews();

    private final CacheClock clock;
    private final Executor executor;
    private final List<BackendProvider> extraProviders;
    private final AsyncCashews async;
    private final Object setupLock = new Object();

    // Longest prefix first. Replaced, never mutated, under setupLock.
    private volatile Route[] routes = NO_ROUTES;
    // The only route when it is the default one: routing is then a single field read.
    private volatile @Nullable Route single;

    // Instance-wide disabled commands, one bit per Command.
    private volatile long disabledMask;
    // Instance-wide middlewares, in the order added; replaced, never mutated, under setupLock.
    private volatile List<Middleware> middlewares = List.of();
    // True once a middleware or a callback was installed: every route then goes through its chain.
    private volatile boolean chained;
    // disabling(...) scopes live on the thread's scope stack, so proxied async calls carry them;
    // the stack is walked only while one is open or installed somewhere.
    static final ThreadScopes.Kind<Disabled> DISABLING = new ThreadScopes.Kind<>("disabling");
    // invalidateFurther() scopes, holding the instance they belong to; carried by proxied async calls too.
    static final ThreadScopes.Kind<Cashews> INVALIDATING = new ThreadScopes.Kind<>("invalidateFurther");
    // Tag templates registered against key templates (registerTag, and every tagged proxy).
    final TagRegistry tagRegistry = new TagRegistry();
    // What @Failover (and the circuit breaker) handle when they list no exceptions; read when a proxy is built.
    private volatile List<Class<? extends Throwable>> defaultFailExceptions = List.of(Exception.class);
    private final Transactions transactions = new Transactions(this);

    /** Creates an instance with no backend, the coarse system clock and the shared default executor. */
    public Cashews() {
        this(CacheClock.coarse(), DefaultExecutor.get(), List.of());
    }

    private Cashews(CacheClock clock, Executor executor, List<BackendProvider> extraProviders) {
        this.clock = clock;
        this.executor = executor;
        this.extraProviders = extraProviders;
        this.async = new AsyncCashews(this);
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
        List<Middleware> own = List.of(middlewares);
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(options, "options");
        CacheUrl parsed = CacheUrl.parse(url);
        BackendProvider provider = provider(parsed);
        Options merged = Options.merge(parsed, options);
        Set<String> known = new HashSet<>(provider.optionNames());
        known.addAll(COMMON_OPTIONS);
        merged.requireKnown(known, parsed.scheme() + "://");
        boolean disabled = merged.has("disable")
                ? merged.getBoolean("disable", false)
                : !merged.getBoolean("enable", true);
        Backend backend = provider.create(new BackendContext(parsed, merged, clock, executor, prefix));
        install(new Route(prefix, backend, disabled, own));
        return backend;
    }

    private BackendProvider provider(CacheUrl url) {
        Set<String> schemes = new TreeSet<>();
        for (BackendProvider provider : extraProviders) {
            if (provider.schemes().contains(url.scheme())) {
                return provider;
            }
            schemes.addAll(provider.schemes());
        }
        for (BackendProvider provider : ServiceLoader.load(BackendProvider.class, Cashews.class.getClassLoader())) {
            if (provider.schemes().contains(url.scheme())) {
                return provider;
            }
            schemes.addAll(provider.schemes());
        }
        String module = switch (url.scheme()) {
            case "redis", "rediss" -> "io.cashews:cashews-runtime-redis";
            case "disk" -> "io.cashews:cashews-runtime-disk";
            default -> null;
        };
        String hint = module == null ? "" : "; add the module " + module + " to the class path for " + url.scheme() + "://";
        throw new IllegalArgumentException("unknown cache URL scheme '" + url.scheme() + "' in \"" + url
                + "\"" + hint + "; known schemes: " + String.join(", ", schemes));
    }

    private void install(Route route) {
        Backend replaced = null;
        synchronized (setupLock) {
            List<Route> next = new ArrayList<>(Arrays.asList(routes));
            for (int i = 0; i < next.size(); i++) {
                if (next.get(i).prefix.equals(route.prefix)) {
                    replaced = next.remove(i).backend;
                    break;
                }
            }
            boolean chain = chained || !route.own.isEmpty();
            next.add(chain ? route.chained(this, middlewares) : route);
            if (chain && !chained) {
                // One chained backend chains them all: the facade then leaves disabling to the chains.
                next.replaceAll(r -> r.backend instanceof ChainedBackend ? r : r.chained(this, middlewares));
            }
            next.sort((a, b) -> Integer.compare(b.prefix.length(), a.prefix.length()));
            publish(next.toArray(NO_ROUTES));
            // Only after the chains are in place does the facade stop checking disabled commands itself.
            chained = chain;
        }
        if (replaced != null) {
            replaced.close();
        }
    }

    private void publish(Route[] next) {
        routes = next;
        single = next.length == 1 && next[0].prefix.isEmpty() ? next[0] : null;
    }

    // ---------------------------------------------------------------- routing and disabling

    Route route(String key) {
        Route only = single;
        if (only != null) {
            // Inside a transaction the route's backend is swapped for the transaction's buffer.
            return transactions.none() ? only : transactions.wrap(only);
        }
        Route[] all = routes;
        for (Route r : all) {
            if (key.startsWith(r.prefix)) {
                return transactions.wrap(r);
            }
        }
        throw notConfigured(key, all);
    }

    private NotConfiguredException notConfigured(String key, Route[] all) {
        if (all.length == 0) {
            return new NotConfiguredException("cache " + (this == DEFAULT ? "Cashews.defaultCache() " : "")
                    + "is not set up: call setup(url) before using it (key '" + key + "')");
        }
        List<String> prefixes = new ArrayList<>();
        for (Route r : all) {
            prefixes.add("\"" + r.prefix + "\"");
        }
        return new NotConfiguredException("no backend serves key '" + key + "': the prefixes set up are "
                + prefixes + " and there is no default backend; call setup(url) with prefix \"\"");
    }

    // The routes a pattern can touch: those whose prefix and the pattern's literal prefix overlap.
    List<Route> routes(Glob pattern) {
        Route only = single;
        if (only != null) {
            return List.of(transactions.wrap(only));
        }
        Route[] all = routes;
        if (all.length == 0) {
            throw notConfigured(pattern.pattern(), all);
        }
        String literal = pattern.literalPrefix();
        List<Route> result = new ArrayList<>();
        for (Route r : all) {
            if (literal.startsWith(r.prefix) || r.prefix.startsWith(literal)) {
                result.add(transactions.wrap(r));
            }
        }
        return result;
    }

    // True when a key found in a route's backend really belongs to that route.
    boolean owns(Route route, String key) {
        if (single != null) {
            return true;
        }
        for (Route r : routes) {
            if (key.startsWith(r.prefix)) {
                // By prefix, not identity: inside a transaction the route is a wrapper of r.
                return r.prefix.equals(route.prefix);
            }
        }
        return false;
    }

    Route[] allRoutes() {
        return routes;
    }

    boolean isDisabled(Command command) {
        long mask = disabledMask | threadMask();
        return (mask & command.bit()) != 0;
    }

    // The hit path reads two fields and takes the slow path only when something is disabled.
    // With middlewares or callbacks the chain's disabling step answers instead, so that user
    // middlewares see disabled commands too.
    boolean off(Command command) {
        return (disabledMask != 0 || DISABLING.isLive()) && !chained && isDisabled(command);
    }

    // For commands the facade makes of others (getOrSet, lock): checked here even when the
    // backends are chained, because no backend command carries their name.
    boolean offHere(Command command) {
        return (disabledMask != 0 || DISABLING.isLive()) && isDisabled(command);
    }

    // ---------------------------------------------------------------- disabling

    /**
     * Disables commands for every thread until {@link #enable(Command...)}.
     *
     * @param commands the commands; none means all
     */
    public void disable(Command... commands) {
        long bits = bits(commands);
        synchronized (setupLock) {
            disabledMask |= bits;
        }
    }

    /**
     * Enables commands disabled by {@link #disable(Command...)}. Scopes opened by
     * {@link #disabling(Command...)} are not affected.
     *
     * @param commands the commands; none means all
     */
    public void enable(Command... commands) {
        long bits = bits(commands);
        synchronized (setupLock) {
            disabledMask &= ~bits;
        }
    }

    /**
     * Tells whether a command runs on the current thread: it is neither disabled instance-wide
     * nor by a {@link #disabling(Command...)} scope open on this thread.
     *
     * @param command the command
     * @return {@code true} if it is enabled here
     */
    public boolean isEnabled(Command command) {
        return !isDisabled(Objects.requireNonNull(command, "command"));
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
        long bits = bits(commands);
        // Each frame holds what the outer ones of this instance disable too: the innermost answers.
        return ThreadScopes.open(DISABLING, new Disabled(this, bits | threadMask()))::close;
    }

    // The commands disabled by scopes of this instance in effect on the current thread.
    private long threadMask() {
        Disabled innermost = ThreadScopes.first(DISABLING, Cashews::ownedBy, this);
        return innermost == null ? 0 : innermost.bits;
    }

    private static boolean ownedBy(Disabled scope, Cashews owner) {
        return scope.owner == owner;
    }

    /** One disabling(...) scope: the instance it belongs to and what it and the scopes around it disable. */
    record Disabled(Cashews owner, long bits) {
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
        List<Middleware> checked = List.of(added);
        synchronized (setupLock) {
            List<Middleware> all = new ArrayList<>(middlewares);
            all.addAll(checked);
            middlewares = List.copyOf(all);
            rechain();
        }
    }

    // Under setupLock: every route through a chain built from its own and the instance's middlewares.
    private void rechain() {
        List<Route> next = new ArrayList<>();
        for (Route r : routes) {
            next.add(new Route(r.prefix, r.raw, r.switchedOff, r.own).chained(this, middlewares));
        }
        publish(next.toArray(NO_ROUTES));
        chained = true;
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
        long bits = bits(commands);
        if (!chained) {
            synchronized (setupLock) {
                if (!chained) {
                    rechain();
                }
            }
        }
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

    private static long bits(Command... commands) {
        if (commands.length == 0) {
            return ALL_COMMANDS;
        }
        long bits = 0;
        for (Command command : commands) {
            bits |= Objects.requireNonNull(command, "command").bit();
        }
        return bits;
    }

    // ---------------------------------------------------------------- values and TTLs

    static Object wrap(@Nullable Object value) {
        return value == null ? NullValue.INSTANCE : value;
    }

    // A stored value as an untyped read returns it: JSON decoded into maps, lists and scalars.
    @SuppressWarnings("unchecked")
    static <T> @Nullable T unwrap(Object stored) {
        return (T) typed(stored, ValueType.ANY, null);
    }

    // What a read returns for a stored value: null for a stored null (the default for a primitive
    // type, which has no null), the default when the value is not of the type (or, with JSON, does
    // not decode into it).
    static @Nullable Object typed(Object stored, ValueType<?> type, @Nullable Object defaultValue) {
        if (stored == NullValue.INSTANCE) {
            return type.isPrimitive() ? defaultValue : null;
        }
        Object value = type.read(stored);
        return value == null ? defaultValue : value;
    }

    static @Nullable Duration writeTtl(@Nullable Duration ttl) {
        if (ttl != null && (ttl.isZero() || ttl.isNegative())) {
            throw new IllegalArgumentException("ttl must be positive, got " + ttl
                    + "; use null for no expiry or delete the key instead");
        }
        return ttl;
    }

    static Duration lockTtl(Duration expire) {
        Objects.requireNonNull(expire, "expire");
        if (expire.isZero() || expire.isNegative()) {
            throw new IllegalArgumentException("lock expire must be positive, got " + expire);
        }
        return expire;
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
        Objects.requireNonNull(exist, "exist");
        writeTtl(ttl);
        if (off(Command.SET)) {
            return false;
        }
        Route r = route(key);
        return !r.disabled && r.backend.set(key, wrap(value), ttl, exist);
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
        if (off(Command.SET_RAW)) {
            return false;
        }
        Route r = route(key);
        return !r.disabled && r.backend.setRaw(key, wrap(value));
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
        writeTtl(ttl);
        if (off(Command.SET_MANY) || pairs.isEmpty()) {
            return;
        }
        Map<Route, Map<String, Object>> groups = new IdentityHashMap<>();
        pairs.forEach((key, value) -> groups.computeIfAbsent(route(key), r -> new LinkedHashMap<>()).put(key, wrap(value)));
        groups.forEach((r, group) -> {
            if (!r.disabled) {
                r.backend.setMany(group, ttl);
            }
        });
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
        return (T) read(key, ValueType.ANY, defaultValue);
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
        return (T) read(key, Objects.requireNonNull(type, "type"), defaultValue);
    }

    private @Nullable Object read(String key, ValueType<?> type, @Nullable Object defaultValue) {
        if (off(Command.GET)) {
            return defaultValue;
        }
        if (INVALIDATING.isLive() && invalidatingHere()) {
            delete(key);
            return defaultValue;
        }
        Route r = route(key);
        if (r.disabled) {
            return defaultValue;
        }
        Object stored = r.backend.get(key);
        return stored == null ? defaultValue : typed(stored, type, defaultValue);
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
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        writeTtl(ttl);
        if (offHere(Command.GET_OR_SET)) {
            return call(value);
        }
        Object hit = read(key, type, ABSENT);
        if (hit != ABSENT) {
            return (T) hit;
        }
        T computed = call(value);
        set(key, computed, ttl, Exist.ANY);
        return computed;
    }

    static <T> T call(Callable<T> callable) {
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
        if (off(Command.GET_RAW)) {
            return null;
        }
        Route r = route(key);
        if (r.disabled) {
            return null;
        }
        Object stored = r.backend.getRaw(key);
        return stored == null ? null : unwrap(stored);
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
        List<@Nullable Object> result = new ArrayList<>(Collections.nCopies(keys.length, null));
        if (keys.length == 0 || off(Command.GET_MANY)) {
            return result;
        }
        if (INVALIDATING.isLive() && invalidatingHere()) {
            deleteMany(keys);
            return result;
        }
        Map<Route, List<Integer>> groups = group(keys);
        groups.forEach((r, positions) -> {
            if (r.disabled) {
                return;
            }
            List<String> groupKeys = new ArrayList<>(positions.size());
            for (int position : positions) {
                groupKeys.add(keys[position]);
            }
            List<@Nullable Object> values = r.backend.getMany(groupKeys);
            for (int i = 0; i < positions.size(); i++) {
                Object stored = values.get(i);
                result.set(positions.get(i), stored == null ? null : unwrap(stored));
            }
        });
        return result;
    }

    // Positions of the keys per route, routes in first-seen order.
    Map<Route, List<Integer>> group(String... keys) {
        Map<Route, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < keys.length; i++) {
            groups.computeIfAbsent(route(keys[i]), r -> new ArrayList<>()).add(i);
        }
        return groups;
    }

    /**
     * Reads every entry whose key matches a glob pattern ({@code *}, {@code ?}, {@code [abc]}).
     *
     * @param pattern the pattern
     * @return the matching entries (values may be null), in no particular order; empty when
     *     disabled
     * @throws IllegalArgumentException if the pattern is malformed
     * @throws NotConfiguredException if the instance has no backend
     */
    public Stream<Map.Entry<String, @Nullable Object>> getMatch(String pattern) {
        Glob glob = Glob.compile(pattern);
        if (off(Command.GET_MATCH)) {
            return Stream.empty();
        }
        if (INVALIDATING.isLive() && invalidatingHere()) {
            deleteMatch(pattern);
            return Stream.empty();
        }
        List<Map.Entry<String, @Nullable Object>> entries = new ArrayList<>();
        for (Route r : routes(glob)) {
            if (r.disabled) {
                continue;
            }
            for (Map.Entry<String, Object> entry : r.backend.getMatch(glob)) {
                if (owns(r, entry.getKey())) {
                    entries.add(new AbstractMap.SimpleImmutableEntry<>(entry.getKey(), unwrap(entry.getValue())));
                }
            }
        }
        return entries.stream();
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
        writeTtl(ttl);
        if (off(Command.INCR)) {
            return 0;
        }
        if (INVALIDATING.isLive() && invalidatingHere()) {
            delete(key);
            return 0;
        }
        Route r = route(key);
        return r.disabled ? 0 : r.backend.incr(key, by, ttl);
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
        writeTtl(Objects.requireNonNull(ttl, "ttl"));
        if (off(Command.SLICE_INCR)) {
            return 0;
        }
        Route r = route(key);
        return r.disabled ? 0 : r.backend.sliceIncr(key, startMillis, endMillis, maxValue, ttl);
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
        BitArray.check(size, indexes);
        if (off(Command.GET_BITS)) {
            return NO_BITS;
        }
        Route r = route(key);
        return r.disabled ? NO_BITS : r.backend.getBits(key, size, indexes);
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
        BitArray.check(size, indexes);
        if (off(Command.INCR_BITS)) {
            return NO_BITS;
        }
        Route r = route(key);
        return r.disabled ? NO_BITS : r.backend.incrBits(key, size, by, indexes);
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
        if (off(Command.EXISTS)) {
            return false;
        }
        Route r = route(key);
        return !r.disabled && r.backend.exists(key);
    }

    /**
     * Deletes a key.
     *
     * @param key the key
     * @return {@code true} if it existed; {@code false} when disabled
     * @throws NotConfiguredException if no backend serves the key
     */
    public boolean delete(String key) {
        if (off(Command.DELETE)) {
            return false;
        }
        Route r = route(key);
        if (r.disabled) {
            return false;
        }
        boolean deleted = r.backend.delete(key);
        if (!tagRegistry.isEmpty()) {
            untag(List.of(key));
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
        if (keys.length == 0 || off(Command.DELETE_MANY)) {
            return 0;
        }
        long deleted = 0;
        for (Map.Entry<Route, List<Integer>> group : group(keys).entrySet()) {
            Route r = group.getKey();
            if (r.disabled) {
                continue;
            }
            List<String> groupKeys = new ArrayList<>(group.getValue().size());
            for (int position : group.getValue()) {
                groupKeys.add(keys[position]);
            }
            deleted += r.backend.deleteMany(groupKeys);
            if (!tagRegistry.isEmpty()) {
                untag(groupKeys);
            }
        }
        return deleted;
    }

    /**
     * Deletes every key matching a glob pattern.
     *
     * @param pattern the pattern
     * @return how many keys were deleted; 0 when disabled
     * @throws IllegalArgumentException if the pattern is malformed
     * @throws NotConfiguredException if the instance has no backend
     */
    public long deleteMatch(String pattern) {
        Glob glob = Glob.compile(pattern);
        if (off(Command.DELETE_MATCH)) {
            return 0;
        }
        long deleted = 0;
        List<Route> touched = routes(glob);
        for (Route r : touched) {
            if (r.disabled) {
                continue;
            }
            if (touched.size() == 1 && single != null && tagRegistry.isEmpty()) {
                deleted += r.backend.deleteMatch(glob);
            } else {
                // Several backends: delete only what this backend really serves.
                List<String> own = new ArrayList<>();
                for (String key : r.backend.scan(glob)) {
                    if (owns(r, key)) {
                        own.add(key);
                    }
                }
                deleted += r.backend.deleteMany(own);
                if (!tagRegistry.isEmpty()) {
                    // The keys are known here, so their tag sets can forget them.
                    untag(own);
                }
            }
        }
        return deleted;
    }

    /**
     * Lists the keys matching a glob pattern.
     *
     * @param pattern the pattern
     * @return the keys, in no particular order; empty when disabled
     * @throws IllegalArgumentException if the pattern is malformed
     * @throws NotConfiguredException if the instance has no backend
     */
    public Stream<String> scan(String pattern) {
        Glob glob = Glob.compile(pattern);
        if (off(Command.SCAN)) {
            return Stream.empty();
        }
        List<String> keys = new ArrayList<>();
        for (Route r : routes(glob)) {
            if (r.disabled) {
                continue;
            }
            for (String key : r.backend.scan(glob)) {
                if (owns(r, key)) {
                    keys.add(key);
                }
            }
        }
        return keys.stream();
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
        if (off(Command.EXPIRE)) {
            return false;
        }
        Route r = route(key);
        return !r.disabled && r.backend.expire(key, ttl);
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
        if (off(Command.GET_EXPIRE)) {
            return -2;
        }
        Route r = route(key);
        return r.disabled ? -2 : r.backend.getExpire(key);
    }

    // ---------------------------------------------------------------- instance-wide

    /**
     * Checks that every backend answers.
     *
     * @return {@code "PONG"}, or {@code null} when {@link Command#PING} is disabled
     * @throws NotConfiguredException if the instance has no backend
     */
    public @Nullable String ping() {
        if (off(Command.PING)) {
            return null;
        }
        Route[] all = configuredRoutes();
        String answer = "PONG";
        for (Route r : all) {
            if (!r.disabled) {
                answer = r.backend.ping();
            }
        }
        return answer;
    }

    /**
     * Deletes every key of every backend; does nothing when disabled.
     *
     * @throws NotConfiguredException if the instance has no backend
     */
    public void clear() {
        if (off(Command.CLEAR)) {
            return;
        }
        for (Route r : configuredRoutes()) {
            if (!r.disabled) {
                r.backend.clear();
            }
        }
    }

    /**
     * Counts the keys of every backend, expired ones excluded.
     *
     * @return the number of keys; 0 when disabled
     * @throws NotConfiguredException if the instance has no backend
     */
    public long getKeysCount() {
        if (off(Command.GET_KEYS_COUNT)) {
            return 0;
        }
        long count = 0;
        for (Route r : configuredRoutes()) {
            if (!r.disabled) {
                count += r.backend.getKeysCount();
            }
        }
        return count;
    }

    Route[] configuredRoutes() {
        Route[] all = routes;
        if (all.length == 0) {
            throw notConfigured("*", all);
        }
        if (transactions.none()) {
            return all;
        }
        Route[] wrapped = new Route[all.length];
        for (int i = 0; i < all.length; i++) {
            wrapped[i] = transactions.wrap(all[i]);
        }
        return wrapped;
    }

    /**
     * Closes every backend and forgets them; the instance can be set up again afterwards.
     * Closing an instance without backends does nothing.
     */
    @Override
    public void close() {
        Route[] closing;
        synchronized (setupLock) {
            closing = routes;
            publish(NO_ROUTES);
        }
        RuntimeException failure = null;
        for (Route r : closing) {
            try {
                r.backend.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
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
        if (off(Command.IS_LOCKED)) {
            return false;
        }
        Route r = route(key);
        return !r.disabled && r.backend.isLocked(key);
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
        LockWait wait = lockWait(expire, waitTimeout);
        if (offHere(Command.LOCK)) {
            return () -> { };
        }
        Route r = route(key);
        if (r.switchedOff) {
            return () -> { };
        }
        String token = LockWait.newToken();
        // The backend itself, not its chain: a disabled SET_LOCK must not make this wait forever.
        Backend backend = r.raw;
        wait.await(key, () -> backend.setLock(key, token, expire) ? Boolean.TRUE : null,
                ending -> lockFailure(key, waitTimeout, ending));
        return release(backend, key, token);
    }

    // For both facades: checks the arguments of a lock wait and sets it up on this instance's clock.
    LockWait lockWait(Duration expire, @Nullable Duration waitTimeout) {
        lockTtl(expire);
        long timeout = LockWait.FOREVER;
        if (waitTimeout != null) {
            if (waitTimeout.isZero() || waitTimeout.isNegative()) {
                throw new IllegalArgumentException("lock waitTimeout must be positive, got " + waitTimeout);
            }
            timeout = saturatedNanos(waitTimeout);
        }
        return new LockWait(clock, executor, LOCK_FIRST_WAIT_NANOS, LOCK_MAX_WAIT_NANOS, timeout);
    }

    static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException tooLong) {
            return LockWait.FOREVER;
        }
    }

    static LockedException lockFailure(String key, @Nullable Duration waitTimeout, LockWait.Ending ending) {
        return ending == LockWait.Ending.INTERRUPTED
                ? new LockedException("interrupted while waiting for lock '" + key + "'")
                : new LockedException("lock '" + key + "' is still held after waiting " + waitTimeout);
    }

    static Scope release(Backend backend, String key, String token) {
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true) && backend.unlock(key, token)) {
                LockWait.released(key);
            }
        };
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
        Objects.requireNonNull(value, "value");
        lockTtl(expire);
        if (off(Command.SET_LOCK)) {
            return false;
        }
        Route r = route(key);
        return !r.disabled && r.backend.setLock(key, value, expire);
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
        Objects.requireNonNull(value, "value");
        if (off(Command.UNLOCK)) {
            return false;
        }
        Route r = route(key);
        if (!r.disabled && r.backend.unlock(key, value)) {
            LockWait.released(key);
            return true;
        }
        return false;
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
     * @param timeout how long a write waits for a lock (and how long a lock holds at most),
     *     {@code null} for 10 seconds; positive
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
        return middlewares;
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
        writeTtl(ttl);
        if (members.length == 0 || off(Command.SET_ADD)) {
            return 0;
        }
        Route r = route(key);
        return r.disabled ? 0 : r.backend.setAdd(key, ttl, members);
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
        if (members.length == 0 || off(Command.SET_REMOVE)) {
            return 0;
        }
        Route r = route(key);
        return r.disabled ? 0 : r.backend.setRemove(key, members);
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
        if (count <= 0) {
            throw new IllegalArgumentException("setPop count must be positive, got " + count);
        }
        if (off(Command.SET_POP)) {
            return List.of();
        }
        Route r = route(key);
        return r.disabled ? List.of() : r.backend.setPop(key, count);
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
        if (off(Command.SET_MEMBERS)) {
            return Set.of();
        }
        Route r = route(key);
        return r.disabled ? Set.of() : r.backend.setMembers(key);
    }

    // ---------------------------------------------------------------- tags

    /** The prefix of the set that holds a tag's keys: tag {@code t} lives at {@code "_tag:" + t}. */
    public static final String TAG_PREFIX = "_tag:";
    // deleteTags pops a tag's members in batches of this size.
    private static final int TAG_BATCH = 100;

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
        tagRegistry.register(tag, keyTemplate);
    }

    /**
     * Returns the tags the registry derives for a key: for each registered tag template, in
     * registration order, the first of its key templates that matches the key renders it.
     *
     * @param key the key
     * @return the tags, possibly empty
     */
    public List<String> getKeyTags(String key) {
        return tagRegistry.tagsOf(key);
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
        if (tags.length == 0) {
            return set(key, value, ttl, Exist.ANY);
        }
        requireRegistered(key, tags);
        boolean stored = set(key, value, ttl, Exist.ANY);
        if (stored) {
            for (String tag : tags) {
                String setKey = TAG_PREFIX + tag;
                setAdd(setKey, ttl, key);
                if (ttl == null) {
                    expire(setKey, null);
                }
            }
        }
        return stored;
    }

    void requireRegistered(String key, String... tags) {
        for (String tag : tags) {
            Objects.requireNonNull(tag, "tag");
            if (!tagRegistry.allows(key, tag)) {
                throw new TagNotRegisteredException("tag '" + tag + "' is not registered for key '" + key
                        + "'; call registerTag(tagTemplate, keyTemplate) first (registered: " + tagRegistry.describe() + ")");
            }
        }
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
        for (String tag : tags) {
            String setKey = TAG_PREFIX + Objects.requireNonNull(tag, "tag");
            while (true) {
                List<String> members = setPop(setKey, TAG_BATCH);
                if (!members.isEmpty()) {
                    deleteMany(members.toArray(new String[0]));
                }
                if (members.size() < TAG_BATCH) {
                    break;
                }
            }
            delete(setKey);
        }
    }

    // Removes deleted keys from the tag sets the registry derives for them. A tag rendered from
    // values the key does not contain is not found; its set keeps a stale member, which costs
    // nothing but a no-op delete when the tag is deleted.
    void untag(List<String> keys) {
        Map<String, List<String>> byTag = new LinkedHashMap<>();
        for (String key : keys) {
            if (key.startsWith(TAG_PREFIX)) {
                continue;
            }
            for (String tag : tagRegistry.tagsOf(key)) {
                byTag.computeIfAbsent(TAG_PREFIX + tag, t -> new ArrayList<>()).add(key);
            }
        }
        byTag.forEach((setKey, members) -> setRemove(setKey, members.toArray(new String[0])));
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
        return ThreadScopes.open(INVALIDATING, this)::close;
    }

    // Whether an invalidateFurther() scope of this instance is in effect on the current thread.
    boolean invalidatingHere() {
        return ThreadScopes.first(INVALIDATING, Cashews::same, this) != null;
    }

    private static boolean same(Cashews a, Cashews b) {
        return a == b;
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
        return "Cashews" + Arrays.toString(routes);
    }

    /** Builds a {@link Cashews} with a chosen clock, executor and extra backend providers. */
    public static final class Builder {
        private CacheClock clock = CacheClock.coarse();
        private @Nullable Executor executor;
        private final List<BackendProvider> providers = new ArrayList<>();
        private final List<Middleware> middlewares = new ArrayList<>();

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
            return built;
        }
    }
}
