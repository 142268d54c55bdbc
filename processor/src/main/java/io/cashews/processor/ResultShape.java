package io.cashews.processor;

/** The result shape of a cached method, decided at compile time; each has its own runtime entry point. */
enum ResultShape {
    /** A plain value (primitives boxed through the loader): {@code lookup} then {@code load}. */
    VALUE,
    /** A {@code CompletionStage} or {@code CompletableFuture}: {@code callAsync}, never blocking. */
    ASYNC
}
