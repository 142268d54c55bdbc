package io.cashews.processor.template;

/** One piece of a parsed key template: literal text or a placeholder. */
public sealed interface Segment permits Literal, Placeholder {}
