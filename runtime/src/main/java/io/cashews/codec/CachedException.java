package io.cashews.codec;

import java.util.List;
import java.util.Objects;

/**
 * For generated code and strategies: an exception stored in place of a result
 * ({@code withExceptions} / {@code onlyExceptions}). Reading it back rethrows the exception; no
 * result a method returns can be an instance of this class, so recognising it is one type check on
 * the rare path. Codecs store the exception itself with JDK serialization behind the allow-list
 * (whatever the {@code serializer} option), so the types it may be are those admitted here.
 */
public final class CachedException {

    private final Throwable error;

    /**
     * Wraps an exception for storage.
     *
     * @param error the exception the delegate threw
     */
    public CachedException(Throwable error) {
        this.error = Objects.requireNonNull(error, "error");
    }

    /**
     * Returns the stored exception.
     *
     * @return the exception, as thrown when it was stored (or as deserialized)
     */
    public Throwable error() {
        return error;
    }

    /**
     * Throws the stored exception, checked or not, as the method that stored it declared it.
     *
     * @return never returns; declared so callers can write {@code throw cached.rethrow()}
     */
    public RuntimeException rethrow() {
        throw CachedException.<RuntimeException>sneaky(error);
    }

    @SuppressWarnings("unchecked")
    private static <X extends Throwable> X sneaky(Throwable failure) throws X {
        throw (X) failure;
    }

    /**
     * Lets the value codecs decode stored exceptions of these types: a layer that stores
     * exceptions calls it once when it is built.
     *
     * @param types the exception types a layer stores
     */
    public static void admit(List<Class<? extends Throwable>> types) {
        if (!types.isEmpty()) {
            types.forEach(ValueTypes::allow);
        }
    }

    @Override
    public String toString() {
        return "CachedException[" + error + "]";
    }
}
