package io.cashews;

import io.cashews.spi.Backend;
import java.util.ArrayList;
import java.util.List;

/** One backend set up on an instance and the key prefix it serves. */
final class Route {
    final String prefix;
    // What the facade calls: the backend itself, or the backend seen through its middleware chain.
    final Backend backend;
    // What the facade checks before calling: set up with enable=false / disable=true. False when
    // the backend is chained, because the chain's disabling step answers then (after the user's
    // middlewares have seen the call).
    final boolean disabled;
    // The backend as set up, without middlewares.
    final Backend raw;
    // This backend's own middlewares, in the order given to setup.
    final List<Middleware> own;
    // Set up with enable=false / disable=true, whatever the chaining.
    final boolean switchedOff;
    // The scheme of the URL the backend was set up with ("mem", "redis", "disk"), for cache events.
    final String scheme;
    // Whether the backend returns values decoded from bytes (Backend.encodesValues): then a read
    // through a fingerprinted type needs the envelope; asked once, so that a read costs a field.
    final boolean encodes;

    Route(String prefix, Backend backend, boolean disabled, String scheme) {
        this(prefix, backend, disabled, backend, List.of(), disabled, scheme);
    }

    Route(String prefix, Backend backend, boolean disabled, List<Middleware> own, String scheme) {
        this(prefix, backend, disabled, backend, List.copyOf(own), disabled, scheme);
    }

    private Route(String prefix, Backend backend, boolean disabled, Backend raw, List<Middleware> own,
            boolean switchedOff, String scheme) {
        this.scheme = scheme;
        this.prefix = prefix;
        this.backend = backend;
        this.disabled = disabled;
        this.raw = raw;
        this.own = own;
        this.switchedOff = switchedOff;
        this.encodes = raw.encodesValues();
    }

    /** This route with its commands going through its own middlewares, then the instance's, then the built-ins. */
    Route chained(Cashews owner, List<Middleware> instanceWide) {
        List<Middleware> all = new ArrayList<>(own);
        all.addAll(instanceWide);
        return new Route(prefix, new ChainedBackend(owner, raw, all, switchedOff), false, raw, own, switchedOff, scheme);
    }

    @Override
    public String toString() {
        return "\"" + prefix + "\" -> " + raw + (switchedOff ? " (disabled)" : "")
                + (own.isEmpty() ? "" : " with " + own.size() + " middlewares");
    }
}
