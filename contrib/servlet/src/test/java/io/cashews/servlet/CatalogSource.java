package io.cashews.servlet;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The uncached catalog: counts its loads; its values change when a test says so. */
final class CatalogSource implements Catalog {

    final AtomicInteger loads = new AtomicInteger();
    private final Map<String, String> versions = new ConcurrentHashMap<>();

    void change(String id, String description) {
        versions.put(id, description);
    }

    @Override
    public String item(String id) {
        loads.incrementAndGet();
        return versions.getOrDefault(id, "item " + id);
    }

    @Override
    public String price(String id) {
        loads.incrementAndGet();
        return "10 EUR";
    }

    @Override
    public Item record(String id) {
        loads.incrementAndGet();
        return new Item(id, versions.getOrDefault(id, "item " + id));
    }

    @Override
    public void changed(String id) {
    }
}
