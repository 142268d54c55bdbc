package io.cashews.servlet;

import io.cashews.annotations.Cache;
import io.cashews.annotations.Invalidate;

/** What the test handlers serve: cached items, as an application's service would declare them. */
public interface Catalog {

    /** One item's description, cached ten minutes and tagged with its shelf. */
    @Cache(ttl = "10m", key = "item:{id}", tags = "shelf:{id}")
    String item(String id);

    /** The item's price, cached for as long as the client allows (see {@link ClientTtl}). */
    @Cache(ttl = "1h", key = "price:{id}", ttlFunction = ClientTtl.class)
    String price(String id);

    /** An item as a record: its cached value carries a result-type fingerprint. */
    @Cache(ttl = "10m", key = "record:{id}")
    Item record(String id);

    /** A record result. */
    record Item(String id, String name) implements java.io.Serializable {
    }

    /** Drops the cached item. */
    @Invalidate("item:{id}")
    void changed(String id);
}
