package io.cashews.spi;

import io.cashews.Ttl;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Typed access to setup options, merged from the URL query (text) and the {@code setup(url, Map)}
 * map (text or Java values). Every reader names the option in its error, so a typo or a bad value
 * fails at setup with a message the user can act on. Backends share this class so that
 * {@code size=10}, {@code size=10L} and {@code "10"} mean the same thing everywhere.
 */
public final class Options {

    private final Map<String, Object> values;

    private Options(Map<String, Object> values) {
        this.values = values;
    }

    /**
     * Creates options from a map.
     *
     * @param values option names to values (text, numbers, booleans or durations); null values
     *     are not allowed
     * @return the options
     * @throws IllegalArgumentException if a value is null; the message names the option
     */
    public static Options of(Map<String, ?> values) {
        Map<String, Object> copy = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            if (value == null) {
                throw new IllegalArgumentException("option '" + name + "' has no value (null)");
            }
            copy.put(name, value);
        });
        return new Options(Collections.unmodifiableMap(copy));
    }

    /**
     * Returns the options of {@code url} with {@code overrides} merged over them.
     *
     * @param url the parsed URL, whose query gives the base values
     * @param overrides values that win over the URL's; may be empty
     * @return the merged options
     * @throws IllegalArgumentException if an override value is null
     */
    public static Options merge(CacheUrl url, Map<String, ?> overrides) {
        Map<String, Object> merged = new LinkedHashMap<>(url.query());
        overrides.forEach((name, value) -> {
            if (value == null) {
                throw new IllegalArgumentException("option '" + name + "' has no value (null)");
            }
            merged.put(name, value);
        });
        return new Options(Collections.unmodifiableMap(merged));
    }

    /**
     * Returns the option names present.
     *
     * @return an unmodifiable set in insertion order
     */
    public Set<String> names() {
        return values.keySet();
    }

    /**
     * Tells whether an option is present.
     *
     * @param name the option name
     * @return {@code true} if it was given in the URL or the map
     */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /**
     * Checks that every option present is one of {@code known}.
     *
     * @param known the option names the backend and the facade understand
     * @param what the thing being set up, used in the message (for example {@code "mem://"})
     * @throws IllegalArgumentException naming the first unknown option and listing the known ones
     */
    public void requireKnown(Collection<String> known, String what) {
        for (String name : values.keySet()) {
            if (!known.contains(name)) {
                String hint = "";
                for (String candidate : new TreeSet<>(known)) {
                    if (distance(name.toLowerCase(Locale.ROOT), candidate) <= 2) {
                        hint = "; did you mean '" + candidate + "'?";
                        break;
                    }
                }
                throw new IllegalArgumentException("unknown option '" + name + "' for " + what + hint
                        + "; known options: " + String.join(", ", new TreeSet<>(known)));
            }
        }
    }

    // Edit distance, for "did you mean" on short option names only.
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /**
     * Reads a boolean option: {@code true}/{@code false} or {@code 1}/{@code 0} (any case), or a
     * {@link Boolean}.
     *
     * @param name the option name
     * @param defaultValue the value when absent
     * @return the value
     * @throws IllegalArgumentException if the value is anything else; the message names the option
     */
    public boolean getBoolean(String name, boolean defaultValue) {
        Object value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String text = value.toString().trim().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw bad(name, value, "true or false (or 1 or 0)");
        };
    }

    /**
     * Reads a whole-number option of at least {@code min}.
     *
     * @param name the option name
     * @param defaultValue the value when absent
     * @param min the smallest allowed value
     * @return the value
     * @throws IllegalArgumentException if the value is not a whole number or is below
     *     {@code min}; the message names the option
     */
    public long getLong(String name, long defaultValue, long min) {
        Object value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        long result;
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            result = ((Number) value).longValue();
        } else {
            try {
                result = Long.parseLong(value.toString().trim());
            } catch (NumberFormatException e) {
                throw bad(name, value, "a whole number");
            }
        }
        if (result < min) {
            throw bad(name, value, "a whole number of at least " + min);
        }
        return result;
    }

    /**
     * Reads a whole-number option that fits in an {@code int}, of at least {@code min}.
     *
     * @param name the option name
     * @param defaultValue the value when absent
     * @param min the smallest allowed value
     * @return the value
     * @throws IllegalArgumentException if the value is not a whole number, is below {@code min}
     *     or too large; the message names the option
     */
    public int getInt(String name, int defaultValue, int min) {
        long result = getLong(name, defaultValue, min);
        if (result > Integer.MAX_VALUE) {
            throw bad(name, values.get(name), "a whole number of at most " + Integer.MAX_VALUE);
        }
        return (int) result;
    }

    /**
     * Reads a number option (fractions allowed).
     *
     * @param name the option name
     * @param defaultValue the value when absent
     * @return the value
     * @throws IllegalArgumentException if the value is not a finite number; the message names the
     *     option
     */
    public double getDouble(String name, double defaultValue) {
        Object value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        double result;
        if (value instanceof Number n) {
            result = n.doubleValue();
        } else {
            try {
                result = Double.parseDouble(value.toString().trim());
            } catch (NumberFormatException e) {
                throw bad(name, value, "a number");
            }
        }
        if (!Double.isFinite(result)) {
            throw bad(name, value, "a finite number");
        }
        return result;
    }

    /**
     * Reads a text option.
     *
     * @param name the option name
     * @param defaultValue the value when absent
     * @return the value, or {@code defaultValue}
     */
    public @Nullable String getString(String name, @Nullable String defaultValue) {
        Object value = values.get(name);
        return value == null ? defaultValue : value.toString();
    }

    /**
     * Reads a text option that must be one of a few choices (compared ignoring case).
     *
     * @param name the option name
     * @param defaultValue the value when absent
     * @param choices the allowed values, lower-case
     * @return the chosen value, lower-cased
     * @throws IllegalArgumentException if the value is not one of {@code choices}; the message
     *     names the option and lists the choices
     */
    public String getChoice(String name, String defaultValue, String... choices) {
        Object value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        String text = value.toString().trim().toLowerCase(Locale.ROOT);
        for (String choice : choices) {
            if (choice.equals(text)) {
                return choice;
            }
        }
        throw bad(name, value, "one of " + String.join(", ", choices));
    }

    /**
     * Reads a duration option: a number of seconds ({@code 1}, {@code 0.5}), a TTL string
     * ({@code "500ms"}, {@code "1m"}) or a {@link Duration}.
     *
     * @param name the option name
     * @param defaultValue the value when absent
     * @return the value, never negative
     * @throws IllegalArgumentException if the value is none of these or is negative; the message
     *     names the option
     */
    public Duration getDuration(String name, Duration defaultValue) {
        Object value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        Duration result;
        if (value instanceof Duration d) {
            result = d;
        } else if (value instanceof Number n) {
            result = seconds(name, value, n.doubleValue());
        } else {
            String text = value.toString().trim();
            try {
                result = seconds(name, value, Double.parseDouble(text));
            } catch (NumberFormatException notANumber) {
                try {
                    result = Ttl.parse(text);
                } catch (IllegalArgumentException e) {
                    throw bad(name, value, "seconds or a duration such as \"500ms\" or \"1m\"");
                }
            }
        }
        if (result.isNegative()) {
            throw bad(name, value, "a duration that is not negative");
        }
        return result;
    }

    private static Duration seconds(String name, Object raw, double seconds) {
        if (!Double.isFinite(seconds) || Math.abs(seconds) > 9.2e9) {
            throw bad(name, raw, "seconds or a duration such as \"500ms\" or \"1m\"");
        }
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }

    private static IllegalArgumentException bad(String name, @Nullable Object value, String expected) {
        return new IllegalArgumentException("option '" + name + "' must be " + expected + ", got \"" + value + "\"");
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof Options o && o.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    /** Returns the option names only; values may hold secrets. */
    @Override
    public String toString() {
        return "Options" + values.keySet();
    }

}
