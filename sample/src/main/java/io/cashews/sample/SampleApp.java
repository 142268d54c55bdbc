package io.cashews.sample;

import io.cashews.Cashews;
import io.cashews.micrometer.CashewsMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * The demo. It sets up a {@link Cashews} instance from {@code CACHE_URL} ({@code mem://} when
 * unset), wraps both slow services in their generated proxies and calls them a few times,
 * printing for every call whether the real service ran and how long the call took.
 */
public final class SampleApp {
    /** How long each simulated remote call takes in the demo. */
    public static final long SERVICE_LATENCY_MILLIS = 300;

    private final PrintStream out;
    private final long latencyMillis;
    // How the demo lets time pass: real sleeping in main, a manual clock in tests.
    private final LongConsumer pause;

    /**
     * A demo that prints to {@code out} and lets time pass as the scenes say, for example by
     * sleeping, or by advancing a manual clock in tests.
     *
     * @param out where the demo prints
     * @param latencyMillis the latency of the services ({@link SampleSources}), which the scenes
     *     wait for where a background refresh runs
     * @param pause lets the given milliseconds pass
     */
    public SampleApp(PrintStream out, long latencyMillis, LongConsumer pause) {
        this.out = out;
        this.latencyMillis = latencyMillis;
        this.pause = pause;
    }

    /**
     * A demo on real time: it prints to {@code out} and sleeps where the scenes let time pass.
     *
     * @param out where the demo prints
     */
    public SampleApp(PrintStream out) {
        this(out, SERVICE_LATENCY_MILLIS, Latency::pause);
    }

    /**
     * What the scenes call: the services as their callers see them, cached.
     *
     * @param weather the weather service
     * @param directory the user directory
     * @param rates the exchange rates
     * @param catalog the catalog
     */
    public record Services(WeatherService weather, UserDirectory directory, ExchangeRates rates, Catalog catalog) {

        /**
         * The generated proxies around the given sources.
         *
         * @param sources the uncached services
         * @param cache the cache the proxies use
         * @return the proxies
         */
        public static Services proxied(SampleSources sources, Cashews cache) {
            return new Services(new WeatherService_Cached(sources.weather, cache),
                    new UserDirectory_Cached(sources.directory, cache), new ExchangeRates_Cached(sources.rates, cache),
                    new Catalog_Cached(sources.catalog, cache));
        }
    }

    /**
     * Runs the demo.
     *
     * @param args ignored; the backend comes from the {@code CACHE_URL} environment variable
     */
    public static void main(String[] args) throws Exception {
        String url = System.getenv().getOrDefault("CACHE_URL", "mem://");
        ExecutorService remote = Executors.newFixedThreadPool(2);
        try (Cashews cache = Cashews.create(url)) {
            new SampleApp(System.out, SERVICE_LATENCY_MILLIS, Latency::pause).run(cache, url, remote);
        } finally {
            remote.shutdownNow();
        }
    }

    /** Runs every scene of the demo on the given cache; returns the number of real service calls. */
    int run(Cashews cache, String url, ExecutorService remote) {
        SampleSources sources = new SampleSources(latencyMillis, remote);
        return run(cache, url, sources, Services.proxied(sources, cache));
    }

    /**
     * Runs every scene of the demo.
     *
     * @param cache the cache the services use; the demo lists its keys at the end
     * @param url the cache's URL, printed
     * @param sources the uncached services, whose call counts the demo prints
     * @param services the cached services around {@code sources}
     * @return the number of calls that reached a service
     */
    public int run(Cashews cache, String url, SampleSources sources, Services services) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        CashewsMetrics metrics = new CashewsMetrics(cache, "sample");
        metrics.bindTo(registry);
        out.println("Cashews sample on " + url
                + (url.equals("mem://") ? " (the embedded default; set CACHE_URL for another backend)" : ""));
        out.println();

        SlowWeatherService weatherProvider = sources.weather;
        WeatherService weather = services.weather();
        out.println("WeatherService (blocking), key \"weather:{city:lower}:{unit}\", ttl 10m, provider "
                + weather.providerName());
        forecast(weather, weatherProvider, "Berlin", Unit.CELSIUS);
        forecast(weather, weatherProvider, "Berlin", Unit.CELSIUS);
        forecast(weather, weatherProvider, "BERLIN", Unit.CELSIUS);
        forecast(weather, weatherProvider, "Berlin", Unit.FAHRENHEIT);
        forecast(weather, weatherProvider, "Lisbon", Unit.CELSIUS);
        forecast(weather, weatherProvider, "Lisbon", Unit.CELSIUS);
        forecast(weather, weatherProvider, " ", Unit.CELSIUS);
        forecast(weather, weatherProvider, " ", Unit.CELSIUS);
        out.println();

        RemoteUserDirectory directoryService = sources.directory;
        UserDirectory directory = services.directory();
        out.println("UserDirectory (CompletableFuture), key \"profile:{request.user.uid}\", ttl 1h");
        User ada = new User("u-1", "Ada");
        profile(directory, directoryService, new Request(ada, "trace-1"));
        profile(directory, directoryService, new Request(ada, "trace-2"));
        profile(directory, directoryService, new Request(new User("u-2", "Grace"), "trace-3"));
        out.println("  five concurrent requests for a user nobody asked for yet:");
        User linus = new User("u-3", "Linus");
        int before = directoryService.calls();
        long start = System.nanoTime();
        CompletableFuture<?>[] concurrent = new CompletableFuture<?>[5];
        for (int i = 0; i < concurrent.length; i++) {
            concurrent[i] = directory.profile(new Request(linus, "trace-burst-" + i));
        }
        CompletableFuture.allOf(concurrent).join();
        out.printf(Locale.ROOT, "  5 results in %s, the directory was called %d time(s)%n",
                millis(System.nanoTime() - start), directoryService.calls() - before);
        out.println();

        ratesScene(services.rates(), sources.rates);
        catalogScene(services.catalog(), sources.catalog);

        out.println("Stored keys: " + cache.getKeysCount());
        cache.scan("*").sorted().forEach(key -> {
            long seconds = cache.getExpire(key);
            out.println("  " + key + (seconds >= 0 ? "  (expires in " + seconds + " s)" : "  (no expiry)"));
        });
        out.println();
        metrics.unbind();
        printMeters(registry);
        return sources.calls();
    }

    /** Early refresh, failover and a rate limit, stacked on one interface. */
    private void ratesScene(ExchangeRates rates, FlakyRates provider) {
        out.println("ExchangeRates: @Failover(1h) over @Early(ttl 2s, refresh after 1s); @RateLimit(3 per 10s)");
        rate(rates, provider, "first call");
        rate(rates, provider, "fresh");
        pause.accept(1_100);
        rate(rates, provider, "1.1 s later: stale, served at once");
        // the refresh runs in the background; give it the time a real upstream call takes
        pause.accept(latencyMillis + 200);
        rate(rates, provider, "after the background refresh");
        provider.setDown(true);
        pause.accept(2_100);
        rate(rates, provider, "upstream down, expired: failover");
        provider.setDown(false);
        for (int i = 1; i <= 4; i++) {
            int n = i;
            call("quote(usd, " + (100 * n) + ") #" + n, provider::calls, () -> rates.quote("usd", 100 * n),
                    "rate limited   ");
        }
        out.println();
    }

    /** The meters CashewsMetrics made from the strategies' events, one line each, by name and tags. */
    private void printMeters(SimpleMeterRegistry registry) {
        out.println("Meters (cashews-micrometer): cache = key template, strategy, and what was counted");
        registry.getMeters().stream().map(SampleApp::meterLine).sorted().forEach(line -> out.println("  " + line));
    }

    private static String meterLine(Meter meter) {
        StringBuilder line = new StringBuilder(meter.getId().getName()).append(" {");
        meter.getId().getTags().forEach(tag -> {
            if (!tag.getKey().equals("cacheManager")) {
                line.append(line.charAt(line.length() - 1) == '{' ? "" : ", ").append(tag.getKey()).append('=')
                        .append(tag.getValue());
            }
        });
        line.append("} ");
        if (meter instanceof Counter counter) {
            line.append((long) counter.count());
        } else if (meter instanceof FunctionCounter counter) {
            line.append((long) counter.count());
        } else if (meter instanceof Timer timer) {
            line.append(timer.count()).append(" in ")
                    .append(String.format(Locale.ROOT, "%.1f ms", timer.totalTime(TimeUnit.NANOSECONDS) / 1e6));
        } else if (meter instanceof Gauge gauge) {
            line.append((long) gauge.value());
        }
        return line.toString();
    }

    /** Tags and invalidation: adding a product drops every cached page of its category at once. */
    private void catalogScene(Catalog catalog, InMemoryCatalog provider) {
        out.println("Catalog: pages tagged \"category:{category}\"; @Invalidate(\"about:{category}\","
                + " tags = \"category:{category}\") on add");
        call("page(tea, 0)", provider::reads, () -> catalog.page("tea", 0).toString());
        call("page(tea, 1)", provider::reads, () -> catalog.page("tea", 1).toString());
        call("about(tea)", provider::reads, () -> catalog.about("tea"));
        call("page(tea, 1)", provider::reads, () -> catalog.page("tea", 1).toString());
        catalog.add("tea", "oolong");
        out.println("  add(tea, oolong): pages and description of tea invalidated");
        call("page(tea, 1)", provider::reads, () -> catalog.page("tea", 1).toString());
        call("about(tea)", provider::reads, () -> catalog.about("tea"));
        out.println();
    }

    private void rate(ExchangeRates rates, FlakyRates provider, String when) {
        call(String.format(Locale.ROOT, "rate(\"usd\") %s", when), provider::calls, () -> {
            try {
                return String.format(Locale.ROOT, "%.3f", rates.rate("usd"));
            } catch (IOException e) {
                return "IOException: " + e.getMessage();
            }
        });
    }

    private void forecast(WeatherService weather, SlowWeatherService provider, String city, Unit unit) {
        call(String.format(Locale.ROOT, "forecast(%-8s %s)", "\"" + city + "\",", unit), provider::calls, () -> {
            try {
                return weather.forecast(city, unit).toString();
            } catch (IOException e) {
                return "IOException: " + e.getMessage() + " (not cached)";
            }
        });
    }

    private void profile(UserDirectory directory, RemoteUserDirectory service, Request request) {
        call("profile(" + request.user().uid() + ", " + request.traceId() + ")", service::calls,
                () -> directory.profile(request).join().toString());
    }

    private void call(String what, IntSupplier serviceCalls, Supplier<String> call) {
        call(what, serviceCalls, call, "cache hit      ");
    }

    /** Runs one call and prints whether the real service ran, how long it took and the result. */
    private void call(String what, IntSupplier serviceCalls, Supplier<String> call, String noServiceCall) {
        int before = serviceCalls.getAsInt();
        long start = System.nanoTime();
        String result = call.get();
        long elapsed = System.nanoTime() - start;
        String source = serviceCalls.getAsInt() > before ? "service called " : noServiceCall;
        out.printf(Locale.ROOT, "  %-46s %s %10s  -> %s%n", what, source, millis(elapsed), result);
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.3f ms", nanos / 1_000_000.0);
    }
}
