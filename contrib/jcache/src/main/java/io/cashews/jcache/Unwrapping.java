package io.cashews.jcache;

/** The one {@code unwrap} of the cache, the manager, entries and events: the object itself, if it is one. */
final class Unwrapping {

    private Unwrapping() {
    }

    static <T> T as(Object self, Class<T> type) {
        if (type.isInstance(self)) {
            return type.cast(self);
        }
        throw new IllegalArgumentException("a " + self.getClass().getSimpleName() + " is not a " + type.getName());
    }
}
