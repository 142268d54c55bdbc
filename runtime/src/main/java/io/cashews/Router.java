package io.cashews;

import io.cashews.base.Failures;
import io.cashews.spi.Backend;
import io.cashews.spi.BackendContext;
import io.cashews.spi.BackendProvider;
import io.cashews.spi.CacheUrl;
import io.cashews.spi.Glob;
import io.cashews.spi.Options;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The backends of one {@link Cashews} instance and which keys each serves: {@code setup}
 * bookkeeping, the middleware chains, and routing a key or a pattern to its backends (swapped for
 * a transaction's buffers while one is open on the thread).
 */
final class Router {

    private static final Route[] NO_ROUTES = new Route[0];
    private static final Set<String> COMMON_OPTIONS = Set.of("enable", "disable");

    private final Cashews owner;
    private final List<BackendProvider> extraProviders;
    // The providers ServiceLoader finds; the facade does the lookup (the architecture test pins it there).
    private final Supplier<Iterable<BackendProvider>> discovered;
    private final Transactions transactions;
    private final Object setupLock = new Object();

    // Longest prefix first. Replaced, never mutated, under setupLock.
    private volatile Route[] routes = NO_ROUTES;
    // The only route when it is the default one: routing is then a single field read.
    private volatile @Nullable Route single;
    // Instance-wide middlewares, in the order added; replaced, never mutated, under setupLock.
    private volatile List<Middleware> middlewares = List.of();
    // True once a middleware or a callback was installed: every route then goes through its chain.
    private volatile boolean chained;

    Router(Cashews owner, List<BackendProvider> extraProviders, Supplier<Iterable<BackendProvider>> discovered,
            Transactions transactions) {
        this.owner = owner;
        this.extraProviders = extraProviders;
        this.discovered = discovered;
        this.transactions = transactions;
    }

    // ---------------------------------------------------------------- setup

    Backend setup(String url, String prefix, Map<String, ?> options, Middleware... middlewares) {
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
        Backend backend = provider.create(new BackendContext(parsed, merged, owner.clock(), owner.executor(), prefix));
        install(new Route(prefix, backend, disabled, own, parsed.scheme()));
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
        for (BackendProvider provider : discovered.get()) {
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
            next.add(chain ? route.chained(owner, middlewares) : route);
            if (chain && !chained) {
                // One chained backend chains them all: the facade then leaves disabling to the chains.
                next.replaceAll(r -> r.backend instanceof ChainedBackend ? r : r.chained(owner, middlewares));
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

    // ---------------------------------------------------------------- middlewares

    void addMiddleware(Middleware... added) {
        List<Middleware> checked = List.of(added);
        synchronized (setupLock) {
            List<Middleware> all = new ArrayList<>(middlewares);
            all.addAll(checked);
            middlewares = List.copyOf(all);
            rechain();
        }
    }

    // For callbacks, a built-in middleware: from the first one on, every route goes through its chain.
    void requireChained() {
        if (!chained) {
            synchronized (setupLock) {
                if (!chained) {
                    rechain();
                }
            }
        }
    }

    // Under setupLock: every route through a chain built from its own and the instance's middlewares.
    private void rechain() {
        List<Route> next = new ArrayList<>();
        for (Route r : routes) {
            next.add(new Route(r.prefix, r.raw, r.switchedOff, r.own, r.scheme).chained(owner, middlewares));
        }
        publish(next.toArray(NO_ROUTES));
        chained = true;
    }

    // With chains, their disabling step answers for disabled commands instead of the facade.
    boolean chained() {
        return chained;
    }

    List<Middleware> instanceMiddlewares() {
        return middlewares;
    }

    // ---------------------------------------------------------------- routing

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

    // The scheme of the backend serving key, for cache events; "none" when no backend serves it.
    String scheme(String key) {
        Route only = single;
        if (only != null) {
            return only.scheme;
        }
        for (Route r : routes) {
            if (key.startsWith(r.prefix)) {
                return r.scheme;
            }
        }
        return "none";
    }

    private NotConfiguredException notConfigured(String key, Route[] all) {
        if (all.length == 0) {
            return new NotConfiguredException("cache " + (owner == Cashews.defaultCache() ? "Cashews.defaultCache() " : "")
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

    // True when the default backend is the only one: a pattern then needs no ownership filter.
    boolean single() {
        return single != null;
    }

    // Every route as set up, none when there is none (statistics, not commands).
    Route[] installedRoutes() {
        return routes;
    }

    // Every route, for the instance-wide commands; throws when there is none.
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

    // The backends as set up (without middlewares), by prefix, longest prefix first.
    Map<String, Backend> backends() {
        Map<String, Backend> all = new java.util.LinkedHashMap<>();
        for (Route route : routes) {
            all.put(route.prefix, route.raw);
        }
        return java.util.Collections.unmodifiableMap(all);
    }

    // Forgets every route and closes its backend; the first failure is thrown, later ones suppressed.
    void close() {
        Route[] closing;
        synchronized (setupLock) {
            closing = routes;
            publish(NO_ROUTES);
        }
        Failures.forEach(Arrays.asList(closing), r -> r.backend.close());
    }

    @Override
    public String toString() {
        return Arrays.toString(routes);
    }
}
