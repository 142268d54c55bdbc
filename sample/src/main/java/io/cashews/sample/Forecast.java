package io.cashews.sample;

import java.io.Serializable;

/** A weather forecast as the (slow) weather provider returns it. */
public record Forecast(String city, double temperature, Unit unit, String sky) implements Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%s %.1f°%s %s",
                city, temperature, unit == Unit.CELSIUS ? "C" : "F", sky);
    }
}
