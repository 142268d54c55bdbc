package io.cashews.sample;

/** Temperature unit of a forecast; part of the cache key by its name. */
public enum Unit {
    CELSIUS,
    FAHRENHEIT
}
