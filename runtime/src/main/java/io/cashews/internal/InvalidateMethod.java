package io.cashews.internal;

import io.cashews.CacheEvent;
import io.cashews.Cashews;
import io.cashews.base.ScopeSnapshot;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * For generated code: the {@code @Invalidate} strategy. After the inner call returns normally
 * (an asynchronous one: after its stage completes normally) it deletes the keys and tags it
 * renders from the call's arguments: each key is deleted alone, each pattern (a template whose
 * literal text holds {@code *}, decided by the processor; its values escaped so that they match
 * only themselves) goes to {@code deleteMatch}, and each tag to {@code deleteTags}. A {@code *}
 * that came from an argument never widens a deletion. A call that throws deletes nothing.
 *
 * <p>A failure while deleting (a backend down with {@code suppress=false}) is logged and does not
 * replace the call's result: the call itself succeeded, as with the other strategies' failed
 * stores.
 */
public final class InvalidateMethod implements Decorator {
    private static final System.Logger LOG = System.getLogger(InvalidateMethod.class.getName());
    private static final String[] NONE = new String[0];

    private final Cashews cache;
    private final String template;
    private final EventSite events;
    private final @Nullable TemplateRenderer keys;
    private final @Nullable TemplateRenderer patterns;
    private final @Nullable TemplateRenderer tags;

    private InvalidateMethod(Builder builder) {
        this.cache = builder.cache;
        this.template = builder.template;
        this.events = new EventSite(cache, "invalidate", eventTemplate(template));
        this.keys = builder.keys;
        this.patterns = builder.patterns;
        this.tags = builder.tags;
    }

    /**
     * Starts building the strategy of one method.
     *
     * @param cache the instance to delete from
     * @param template the annotation's templates as written, for diagnostics
     * @return a builder
     */
    public static Builder builder(Cashews cache, String template) {
        return new Builder(cache, template);
    }

    @Override
    public <T extends @Nullable Object, E extends Exception> T call(
            String key, @Nullable Object @Nullable [] args, Loader<T, E> inner) throws E {
        // The templates render from the arguments: a proxy always passes them to this layer.
        @Nullable Object[] arguments = Objects.requireNonNull(args, "args");
        T result = inner.load();
        try {
            invalidate(arguments);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, () -> "could not invalidate " + template + " after a successful call", e);
        }
        return result;
    }

    private void invalidate(@Nullable Object[] args) {
        for (String rendered : render(keys, args)) {
            boolean deleted = cache.strategyStore().delete(rendered);
            events.report(CacheEvent.Kind.REMOVE, rendered, deleted ? "removed" : "absent");
        }
        for (String rendered : render(patterns, args)) {
            cache.deleteMatch(rendered);
        }
        String[] renderedTags = render(tags, args);
        if (renderedTags.length > 0) {
            cache.deleteTags(renderedTags);
        }
    }

    // The templates as written are quoted for messages ("item:{id}"); one template is the cache it removes from.
    private static String eventTemplate(String written) {
        boolean single = written.length() >= 2 && written.startsWith("\"") && written.endsWith("\"")
                && written.indexOf('"', 1) == written.length() - 1;
        return single ? written.substring(1, written.length() - 1) : written;
    }

    private static String[] render(@Nullable TemplateRenderer renderer, @Nullable Object[] args) {
        return renderer == null ? NONE : renderer.render(args);
    }

    @Override
    public <T extends @Nullable Object> CompletableFuture<T> callAsync(
            String key, @Nullable Object @Nullable [] args, AsyncLoader<T> inner) {
        @Nullable Object[] arguments = Objects.requireNonNull(args, "args");
        // The deletions run when the stage completes, perhaps on another thread: with the caller's scopes.
        ScopeSnapshot scopes = ScopeSnapshot.capture();
        CompletionStage<T> stage;
        try {
            stage = inner.load();
        } catch (Throwable thrown) {
            return CompletableFuture.failedFuture(thrown);
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        stage.whenComplete(scopes.wrap((value, error) -> {
            if (error != null) {
                result.completeExceptionally(error);
                return;
            }
            invalidateAsync(arguments).whenComplete((done, failure) -> {
                if (failure != null) {
                    LOG.log(Level.WARNING, () -> "could not invalidate " + template + " after a successful call", failure);
                }
                result.complete(value);
            });
        }));
        return result;
    }

    private CompletableFuture<?> invalidateAsync(@Nullable Object[] args) {
        List<CompletableFuture<?>> deletions = new ArrayList<>();
        try {
            for (String rendered : render(keys, args)) {
                deletions.add(cache.strategyStore().deleteAsync(rendered).thenApply(deleted -> {
                    events.report(CacheEvent.Kind.REMOVE, rendered, deleted ? "removed" : "absent");
                    return deleted;
                }));
            }
            for (String rendered : render(patterns, args)) {
                deletions.add(cache.async().deleteMatch(rendered));
            }
            String[] renderedTags = render(tags, args);
            if (renderedTags.length > 0) {
                deletions.add(cache.async().deleteTags(renderedTags));
            }
        } catch (RuntimeException e) {
            deletions.add(CompletableFuture.failedFuture(e));
        }
        return CompletableFuture.allOf(deletions.toArray(new CompletableFuture<?>[0]));
    }

    @Override
    public String toString() {
        return "InvalidateMethod[" + template + "]";
    }

    /** Builds an {@link InvalidateMethod}; for generated code. */
    public static final class Builder {
        private final Cashews cache;
        private final String template;
        private @Nullable TemplateRenderer keys;
        private @Nullable TemplateRenderer patterns;
        private @Nullable TemplateRenderer tags;

        private Builder(Cashews cache, String template) {
            this.cache = Objects.requireNonNull(cache, "cache");
            this.template = Objects.requireNonNull(template, "template");
        }

        /**
         * Sets the keys to delete one by one, rendered from the call's arguments; a {@code *} in
         * them is a character like any other.
         *
         * @param keys renders the keys
         * @return this builder
         */
        public Builder keys(TemplateRenderer keys) {
            this.keys = Objects.requireNonNull(keys, "keys");
            return this;
        }

        /**
         * Sets the globs to delete by ({@code deleteMatch}): templates whose literal text holds
         * {@code *}, rendered with their values escaped for a glob ({@link Keys#glob}).
         *
         * @param patterns renders the patterns
         * @return this builder
         */
        public Builder patterns(TemplateRenderer patterns) {
            this.patterns = Objects.requireNonNull(patterns, "patterns");
            return this;
        }

        /**
         * Sets the tags whose keys to delete, rendered from the call's arguments.
         *
         * @param tags renders the tags
         * @return this builder
         */
        public Builder tags(TemplateRenderer tags) {
            this.tags = Objects.requireNonNull(tags, "tags");
            return this;
        }

        /**
         * Builds the strategy.
         *
         * @return the strategy
         * @throws IllegalStateException if neither keys nor tags were set
         */
        public InvalidateMethod build() {
            if (keys == null && patterns == null && tags == null) {
                throw new IllegalStateException("@Invalidate " + template + " deletes nothing: set keys, patterns or tags");
            }
            return new InvalidateMethod(this);
        }
    }
}
