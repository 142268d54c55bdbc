package io.cashews.benchmarks;

/** The cached value of every benchmark. */
public record Item(String shop, long id, String title) {}
