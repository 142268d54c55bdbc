package io.cashews.processor.model;

/** The result shape of a cached method, decided at compile time; each has its own runtime entry point. */
public enum ResultShape {
    /** A plain value (primitives boxed through the loader): {@code lookup} then {@code load}. */
    VALUE,
    /** A {@code CompletionStage} or {@code CompletableFuture}: {@code callAsync}, never blocking. */
    ASYNC,
    /** A {@code java.util.stream.Stream}: {@code IteratorMethod.stream}, elements stored as consumed. */
    STREAM,
    /** A {@code java.util.Iterator}: {@code IteratorMethod.iterator}, elements stored as consumed. */
    ITERATOR,
    /** A {@code java.util.concurrent.Flow.Publisher}: {@code IteratorMethod.publisher}, cold, demand-driven. */
    PUBLISHER;

    /** Whether the shape is one of the iterator strategy's, whose value type is the element type. */
    public boolean isIterator() {
        return this == STREAM || this == ITERATOR || this == PUBLISHER;
    }
}
