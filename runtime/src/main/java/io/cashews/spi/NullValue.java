package io.cashews.spi;

/**
 * What the facade stores in place of a {@code null} value, so that a backend never sees
 * {@code null} as a value and a read can tell "stored null" from "missing". Backends store it like
 * any other value; codecs of remote backends give it a compact encoding of their own. An enum so
 * that it stays a singleton through Java serialization.
 */
public enum NullValue {
    /** The one marker. */
    INSTANCE
}
