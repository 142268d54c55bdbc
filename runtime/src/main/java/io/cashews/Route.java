package io.cashews;

/** One backend set up on an instance and the key prefix it serves. */
final class Route {
    final String prefix;
    final Backend backend;
    // Set up with enable=false / disable=true: every command answers as if disabled.
    final boolean disabled;

    Route(String prefix, Backend backend, boolean disabled) {
        this.prefix = prefix;
        this.backend = backend;
        this.disabled = disabled;
    }

    @Override
    public String toString() {
        return "\"" + prefix + "\" -> " + backend + (disabled ? " (disabled)" : "");
    }
}
