package io.cashews.processor.template;

/** Literal text of a key template, with escapes ({@code {{}} and {@code }}}) already resolved. */
public record Literal(String text) implements Segment {}
