package io.cashews.processor.template;

/**
 * Literal text of a key template, with the escapes <code>&#123;&#123;</code> and
 * <code>&#125;&#125;</code> already resolved to single braces.
 *
 * @param text the unescaped text; never empty when produced by {@link KeyTemplates#parse}
 */
public record Literal(String text) implements Segment {}
