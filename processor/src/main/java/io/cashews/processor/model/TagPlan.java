package io.cashews.processor.model;

/**
 * One validated template over a method's parameters that is rendered only when a strategy needs
 * it: a {@code tags} entry of a caching annotation, or a key or tag of {@code @Invalidate}.
 *
 * @param template the template as written
 * @param plan how to render it
 */
public record TagPlan(String template, KeyPlan plan) {}
