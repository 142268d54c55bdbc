package io.cashews.sample;

/** An incoming request; only its user takes part in cache keys. */
public record Request(User user, String traceId) {}
