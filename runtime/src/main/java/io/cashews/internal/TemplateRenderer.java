package io.cashews.internal;

import org.jspecify.annotations.Nullable;

/**
 * For generated code: renders templates of an annotation over the call's arguments — the
 * {@code tags} of a caching annotation, the keys and tags of {@code @Invalidate}. The proxy writes
 * each as a private method; strategies call it only when they need the text (a tagged layer when
 * it stores a value, an invalidation after a normal return).
 */
@FunctionalInterface
public interface TemplateRenderer {

    /**
     * Renders the templates.
     *
     * @param args the call's arguments, in declaration order (primitives boxed)
     * @return the rendered texts, one per template of the annotation
     */
    String[] render(@Nullable Object[] args);
}
