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
    PUBLISHER,
    /**
     * A Reactor {@code Mono}: {@code callAsync} inside {@code Mono.fromFuture(supplier, false)}, so
     * that each subscription does its own lookup and a cancellation reaches the computation.
     */
    MONO,
    /** A Mutiny {@code Uni}: {@code callAsync} inside {@code Uni.createFrom().completionStage(supplier)}, as {@link #MONO}. */
    UNI,
    /** A Reactor {@code Flux}: {@code IteratorMethod.publisher} through Reactor's {@code JdkFlowAdapter}. */
    FLUX,
    /** A Mutiny {@code Multi} (a {@code Flow.Publisher} since Mutiny 2): {@code IteratorMethod.publisher}. */
    MULTI;

    /** Whether the shape is one of the iterator strategy's, whose value type is the element type. */
    public boolean isIterator() {
        return this == STREAM || this == ITERATOR || this == PUBLISHER || this == FLUX || this == MULTI;
    }

    /** Whether the shape goes through {@code callAsync}: a future, or a {@code Mono} or {@code Uni} adapted to one. */
    public boolean isAsync() {
        return this == ASYNC || this == MONO || this == UNI;
    }

    /** Whether the shape is a Reactor or Mutiny type, recognised by name, that the proxy adapts. */
    public boolean isReactive() {
        return this == MONO || this == UNI || this == FLUX || this == MULTI;
    }
}
