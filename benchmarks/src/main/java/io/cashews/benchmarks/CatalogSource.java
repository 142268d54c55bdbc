package io.cashews.benchmarks;

import java.util.concurrent.CompletableFuture;

/** The "real" catalog behind every cache: builds an item from its arguments. */
public class CatalogSource implements Catalog, SpringCatalog {

    @Override
    public Item item(String shop, long id) {
        return new Item(shop, id, shop + "#" + id);
    }

    @Override
    public CompletableFuture<Item> itemAsync(String shop, long id) {
        return CompletableFuture.completedFuture(item(shop, id));
    }
}
