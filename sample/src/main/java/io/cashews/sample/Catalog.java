package io.cashews.sample;

import io.cashews.annotations.Cache;
import io.cashews.annotations.Invalidate;
import java.util.List;

/** A product catalog: pages are cached and tagged with their category; editing drops them. */
public interface Catalog {

    /** One page of a category; every cached page joins the tag {@code category:<name>}. */
    @Cache(ttl = "1h", key = "catalog:{category}:{page}", tags = "category:{category}")
    List<String> page(String category, int page);

    /** The category's description, cached on its own key. */
    @Cache(ttl = "1h", key = "about:{category}")
    String about(String category);

    /** Adds a product; afterwards every page of its category (by tag) and the description (by key) are gone. */
    @Invalidate(value = "about:{category}", tags = "category:{category}")
    void add(String category, String product);
}
