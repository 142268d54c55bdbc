package io.cashews.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A slow catalog kept in memory, counting the reads that reach it. */
final class InMemoryCatalog implements Catalog {
    private static final int PAGE_SIZE = 2;

    private final Map<String, List<String>> products = new ConcurrentHashMap<>();
    private final AtomicInteger reads = new AtomicInteger();
    private final long latencyMillis;

    InMemoryCatalog(long latencyMillis) {
        this.latencyMillis = latencyMillis;
        products.put("tea", List.of("sencha", "assam", "rooibos"));
    }

    @Override
    public List<String> page(String category, int page) {
        reads.incrementAndGet();
        Latency.pause(latencyMillis);
        List<String> all = products.getOrDefault(category, List.of());
        int from = Math.min(all.size(), page * PAGE_SIZE);
        return List.copyOf(all.subList(from, Math.min(all.size(), from + PAGE_SIZE)));
    }

    @Override
    public String about(String category) {
        reads.incrementAndGet();
        Latency.pause(latencyMillis);
        return category + ": " + products.getOrDefault(category, List.of()).size() + " products";
    }

    @Override
    public void add(String category, String product) {
        products.compute(category, (name, old) -> {
            List<String> next = new ArrayList<>(old == null ? List.of() : old);
            next.add(product);
            return List.copyOf(next);
        });
    }

    int reads() {
        return reads.get();
    }
}
