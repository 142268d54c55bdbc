package io.cashews.micrometer;

import io.cashews.CacheEvent;
import io.cashews.CacheEventListener;
import io.cashews.Cashews;
import io.cashews.Scope;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Binds the meters of one {@link Cashews} instance to a registry, fed by its
 * {@linkplain Cashews#addListener cache events}:
 * <pre>{@code
 * Cashews cache = Cashews.create("mem://");
 * new CashewsMetrics(cache, "app").bindTo(registry);
 * }</pre>
 *
 * <p>Names follow Micrometer's {@code CacheMeterBinder} where the meaning matches:
 * {@code cache.gets{result=hit|miss}}, {@code cache.puts}, {@code cache.removals},
 * {@code cache.loads{result=success|failure}} (a {@link Timer} of the delegate's runs) and
 * {@code cache.size} (a gauge of the keys the instance's backends hold). The strategies' own:
 * {@code cashews.stale.served}, {@code cashews.refreshes{result}}, {@code cashews.rejected},
 * {@code cashews.circuitbreaker.state{state}} (1 for the state last seen, 0 for the others) and
 * {@code cashews.lock.wait{outcome}} (a {@link Timer}). Every meter carries {@code cache} (the
 * key template as written, or {@value #COMMANDS} for facade commands, never a rendered key),
 * {@code cacheManager} (the name given here) and {@code strategy}, plus the extra tags given.
 *
 * <p>Meters are created on the first event of their template, strategy and kind, so methods
 * first called long after binding get theirs too. An event's meters are looked up in a map
 * keyed by the template and then in a short array by strategy: no tag is built on the hit path.
 * Listener rules apply ({@link CacheEventListener}): the meters are updated on the calling thread.
 * {@code cache.evictions} (a {@link FunctionCounter}, tagged {@code cache=all} as the size) counts
 * the entries the backends removed on their own ({@link Cashews#evictionCount()}); it is registered
 * only when a backend set up at binding counts them (memory and disk, not Redis, which evicts on
 * the server): a meter that always read 0 would lie.
 */
public final class CashewsMetrics implements MeterBinder, CacheEventListener {

    /** The {@code cache} tag of facade commands, which have no key template. */
    public static final String COMMANDS = "commands";

    private final Cashews cache;
    private final String name;
    private final Tags extraTags;
    private final boolean size;
    private volatile @Nullable MeterRegistry registry;
    private @Nullable Scope installed;
    // Per cache tag (template or COMMANDS): the meters of each strategy that reported for it.
    private final ConcurrentHashMap<String, Sites> sites = new ConcurrentHashMap<>();

    /**
     * Creates the binder; nothing is measured before {@link #bindTo(MeterRegistry)}.
     *
     * @param cache the instance to measure
     * @param name the {@code cacheManager} tag, such as the application's or the bean's name
     * @throws NullPointerException if an argument is null
     */
    public CashewsMetrics(Cashews cache, String name) {
        this(cache, name, Tags.empty(), true);
    }

    private CashewsMetrics(Cashews cache, String name, Tags extraTags, boolean size) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.name = Objects.requireNonNull(name, "name");
        this.extraTags = extraTags;
        this.size = size;
    }

    /**
     * Returns a binder that adds tags to every meter.
     *
     * @param tags the tags, such as {@code Tags.of("region", "eu")}
     * @return a new binder, not bound
     */
    public CashewsMetrics withTags(Iterable<Tag> tags) {
        return new CashewsMetrics(cache, name, extraTags.and(tags), size);
    }

    /**
     * Returns a binder without the {@code cache.size} gauge: counting the keys walks the memory
     * backend's entries, reads the disk backend's index and asks Redis for {@code DBSIZE} on every
     * scrape, and it counts the strategies' markers and counters too.
     *
     * @return a new binder, not bound
     */
    public CashewsMetrics withoutSize() {
        return new CashewsMetrics(cache, name, extraTags, false);
    }

    /**
     * Registers the gauges and starts listening to the instance's events. Binding one binder
     * twice rebinds it to the later registry.
     *
     * @param registry the registry
     */
    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        sites.clear();
        this.registry = registry;
        if (size) {
            Gauge.builder("cache.size", cache, CashewsMetrics::keys)
                    .tags(extraTags).tag("cache", "all").tag("cacheManager", name)
                    .description("The number of keys the instance's backends hold, markers and counters included")
                    .baseUnit("keys")
                    .register(registry);
        }
        if (cache.evictionCount().isPresent()) {
            FunctionCounter.builder("cache.evictions", cache, c -> c.evictionCount().orElse(0))
                    .tags(extraTags).tag("cache", "all").tag("cacheManager", name)
                    .description("The entries the backends evicted for their size limit or cleared when expired")
                    .register(registry);
        }
        if (installed == null) {
            installed = cache.addListener(this);
        }
    }

    private static double keys(Cashews cache) {
        try {
            return cache.getKeysCount();
        } catch (RuntimeException e) {
            // A backend that cannot answer has no size to report now.
            return Double.NaN;
        }
    }

    /**
     * Stops listening; the registered meters stay in the registry with their last values.
     */
    public synchronized void unbind() {
        if (installed != null) {
            installed.close();
            installed = null;
        }
    }

    /**
     * Updates the meters of one event.
     *
     * @param event the event
     */
    @Override
    public void onEvent(CacheEvent event) {
        onEvent(event.kind(), event.strategy(), event.template(), event.key(), event.backend(),
                event.durationNanos(), event.outcome());
    }

    /**
     * Updates the meters of one event, read from its fields; the instance calls this form, so no
     * event object is built per call.
     */
    @Override
    public void onEvent(CacheEvent.Kind kind, String strategy, @Nullable String template, String key,
            String backend, long durationNanos, @Nullable String outcome) {
        MeterRegistry bound = registry;
        if (bound == null) {
            return;
        }
        Site site = site(bound, template, strategy);
        Counter hits = site.hits;
        if (kind == CacheEvent.Kind.HIT && hits != null) {
            hits.increment();
        } else {
            other(site, kind, durationNanos, outcome);
        }
    }

    private static void other(Site site, CacheEvent.Kind kind, long durationNanos, @Nullable String outcome) {
        boolean success = !CacheEvent.FAILURE.equals(outcome) && !CacheEvent.TIMEOUT.equals(outcome);
        switch (kind) {
            case HIT -> site.gets(true).increment();
            case MISS -> site.gets(false).increment();
            case PUT -> site.puts().increment();
            case LOAD -> site.load(success).record(Math.max(0, durationNanos), TimeUnit.NANOSECONDS);
            case REMOVE -> site.removals().increment();
            case STALE_SERVED -> site.stale().increment();
            case REFRESH -> site.refresh(success).increment();
            case REJECTED -> site.rejected().increment();
            case BREAKER_STATE -> site.breaker(outcome);
            case LOCK_WAIT -> site.lockWait(outcome).record(Math.max(0, durationNanos), TimeUnit.NANOSECONDS);
        }
    }

    private Site site(MeterRegistry bound, @Nullable String template, String strategy) {
        String cacheTag = template == null ? COMMANDS : template;
        Sites known = sites.get(cacheTag);
        if (known != null) {
            Site site = known.find(strategy);
            if (site != null) {
                return site;
            }
        }
        return sites.computeIfAbsent(cacheTag, t -> new Sites()).add(bound, this, cacheTag, strategy);
    }

    Tags tags(String cacheTag, String strategy) {
        return extraTags.and("cache", cacheTag, "cacheManager", name, "strategy", strategy);
    }

    /** The strategies of one cache tag, in a copy-on-write array scanned by identity first. */
    private static final class Sites {
        private volatile Site[] all = new Site[0];

        @Nullable Site find(String strategy) {
            for (Site site : all) {
                // Strategy names are constants: the identity check answers almost always.
                if (site.strategy == strategy || site.strategy.equals(strategy)) {
                    return site;
                }
            }
            return null;
        }

        synchronized Site add(MeterRegistry registry, CashewsMetrics owner, String cacheTag, String strategy) {
            Site found = find(strategy);
            if (found != null) {
                return found;
            }
            Site site = new Site(registry, owner.tags(cacheTag, strategy), strategy);
            Site[] old = all;
            Site[] next = new Site[old.length + 1];
            System.arraycopy(old, 0, next, 0, old.length);
            next[old.length] = site;
            all = next;
            return site;
        }
    }

    /**
     * The meters of one cache tag and strategy, each registered on the first event of its kind;
     * the two sides of {@code cache.gets} together, so that a hit ratio always has both.
     */
    private static final class Site {
        final String strategy;
        volatile @Nullable Counter hits;
        private volatile @Nullable Counter misses;
        private volatile @Nullable Counter puts;
        private final MeterRegistry registry;
        private final Tags tags;
        private volatile @Nullable Timer loadSuccess;
        private volatile @Nullable Timer loadFailure;
        private volatile @Nullable Counter removals;
        private volatile @Nullable Counter stale;
        private volatile @Nullable Counter refreshSuccess;
        private volatile @Nullable Counter refreshFailure;
        private volatile @Nullable Counter rejected;
        private final ConcurrentHashMap<String, Timer> lockWaits = new ConcurrentHashMap<>();
        private final AtomicReference<@Nullable String> breakerState = new AtomicReference<>();

        Site(MeterRegistry registry, Tags tags, String strategy) {
            this.registry = registry;
            this.tags = tags;
            this.strategy = strategy;
        }

        Counter gets(boolean hit) {
            Counter counter = hit ? hits : misses;
            if (counter != null) {
                return counter;
            }
            // Misses first: once hits is set, the hit path stops asking for the pair.
            misses = Counter.builder("cache.gets").tags(tags).tag("result", "miss")
                    .description("Reads that found nothing usable stored").register(registry);
            hits = Counter.builder("cache.gets").tags(tags).tag("result", "hit")
                    .description("Reads that found a stored value").register(registry);
            return hit ? hits : misses;
        }

        Counter puts() {
            Counter counter = puts;
            if (counter == null) {
                counter = Counter.builder("cache.puts").tags(tags).description("Results stored").register(registry);
                puts = counter;
            }
            return counter;
        }

        Timer load(boolean success) {
            Timer timer = success ? loadSuccess : loadFailure;
            if (timer != null) {
                return timer;
            }
            timer = Timer.builder("cache.loads").tags(tags).tag("result", success ? "success" : "failure")
                    .description("Runs of the delegate on a miss or a refresh").register(registry);
            if (success) {
                loadSuccess = timer;
            } else {
                loadFailure = timer;
            }
            return timer;
        }

        Counter removals() {
            Counter counter = removals;
            if (counter == null) {
                counter = Counter.builder("cache.removals").tags(tags)
                        .description("Keys deleted by facade commands and @Invalidate").register(registry);
                removals = counter;
            }
            return counter;
        }

        Counter stale() {
            Counter counter = stale;
            if (counter == null) {
                counter = Counter.builder("cashews.stale.served").tags(tags)
                        .description("Values served past their freshness by @Early, @Soft or @Failover")
                        .register(registry);
                stale = counter;
            }
            return counter;
        }

        Counter refresh(boolean success) {
            Counter counter = success ? refreshSuccess : refreshFailure;
            if (counter != null) {
                return counter;
            }
            counter = Counter.builder("cashews.refreshes").tags(tags).tag("result", success ? "success" : "failure")
                    .description("Background recomputes of @Early and @Hit").register(registry);
            if (success) {
                refreshSuccess = counter;
            } else {
                refreshFailure = counter;
            }
            return counter;
        }

        Counter rejected() {
            Counter counter = rejected;
            if (counter == null) {
                counter = Counter.builder("cashews.rejected").tags(tags)
                        .description("Calls refused: rate limits, open breakers, locks not taken, Bloom negatives")
                        .register(registry);
                rejected = counter;
            }
            return counter;
        }

        Timer lockWait(@Nullable String outcome) {
            String tag = outcome == null ? "unknown" : outcome;
            return lockWaits.computeIfAbsent(tag, o -> Timer.builder("cashews.lock.wait").tags(tags).tag("outcome", o)
                    .description("Waits for a backend lock").register(registry));
        }

        void breaker(@Nullable String state) {
            if (state == null) {
                return;
            }
            if (breakerState.getAndSet(state) == null) {
                for (String each : new String[] {CacheEvent.CLOSED, CacheEvent.OPEN, CacheEvent.HALF_OPEN}) {
                    Gauge.builder("cashews.circuitbreaker.state", breakerState, s -> each.equals(s.get()) ? 1 : 0)
                            .tags(tags).tag("state", each)
                            .description("1 for the breaker state last seen for this template, 0 for the others")
                            .register(registry);
                }
            }
        }
    }
}
