package io.cashews.processor.model;

import java.util.List;

/**
 * A validated {@code @Invalidate}: a layer that lets the call run and, after a normal return,
 * deletes the keys and tags it renders from the arguments. Its own key is a constant naming the
 * method (the layer stores nothing under it); the templates are rendered only after the call
 * succeeded.
 *
 * @param method {@code <package>.<Interface>.<method>}
 * @param keys the key templates and patterns
 * @param tags the tag templates
 */
public record InvalidateStrategy(String method, List<TagPlan> keys, List<TagPlan> tags) implements Strategy {

    public InvalidateStrategy {
        keys = List.copyOf(keys);
        tags = List.copyOf(tags);
    }

    @Override
    public KeyPlan key() {
        return new KeyPlan(List.of(new KeyPlan.Text("invalidate:" + method)));
    }

    @Override
    public boolean needsArguments() {
        return true;
    }
}
