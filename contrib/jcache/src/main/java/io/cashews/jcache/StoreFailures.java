package io.cashews.jcache;

import io.cashews.CacheBackendInteractionException;
import io.cashews.spi.Backend;
import io.cashews.spi.BackendCall;
import io.cashews.spi.ForwardingBackend;
import javax.cache.CacheException;
import org.jspecify.annotations.Nullable;

/**
 * The backend as a JCache cache calls it: a failure to reach the store
 * ({@link CacheBackendInteractionException}, which the provider's default {@code suppress=false}
 * raises) reaches the caller as the {@link CacheException} that JCache declares, with the
 * store's exception as its cause.
 */
final class StoreFailures extends ForwardingBackend {

    StoreFailures(Backend delegate) {
        super(delegate);
    }

    @Override
    protected @Nullable Object intercept(BackendCall call) {
        try {
            return call.run(delegate());
        } catch (CacheBackendInteractionException e) {
            throw new CacheException(e.getMessage(), e);
        }
    }
}
