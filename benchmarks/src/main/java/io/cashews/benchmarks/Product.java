package io.cashews.benchmarks;

import java.io.Serializable;

/**
 * The value cached on Redis by {@link RedisBenchmark}: serializable, as {@code serializer=java}
 * (the default) needs.
 *
 * @param sku the product's identifier
 * @param title its name
 * @param priceCents its price
 */
public record Product(String sku, String title, long priceCents) implements Serializable {
}
