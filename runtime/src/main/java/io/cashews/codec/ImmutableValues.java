package io.cashews.codec;

import io.cashews.spi.NullValue;
import java.io.ObjectStreamClass;
import java.io.ObjectStreamField;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Tells values that nobody can change in place from those that may be changed: what a local copy
 * of a remote value (client-side caching) may hand to every reader as is, where any other value
 * is decoded afresh for each read so that a caller changing what it got changes nothing else.
 *
 * <p>Immutable here: {@code null}, strings, boxed primitives, {@code BigInteger} and
 * {@code BigDecimal} (exactly those classes, not subclasses), {@code UUID}, the {@code java.time}
 * value classes, enums, a {@link PendingValue} (it shares only immutable decodings), a
 * {@link Stamped} or {@link Fingerprinted} of an immutable value, and serializable records whose
 * serialized fields are all primitives or of such types (a record's fields are final, and its
 * component types are known from its serialization descriptor, without reflection). Everything
 * else (collections, arrays, ordinary classes, exceptions) counts as changeable.
 */
public final class ImmutableValues {

    private static final Set<Class<?>> LEAVES = Set.of(String.class, Boolean.class, Character.class,
            Byte.class, Short.class, Integer.class, Long.class, Float.class, Double.class,
            BigInteger.class, BigDecimal.class, UUID.class, NullValue.class,
            // Keeps only immutable decodings; any other is parsed afresh for each reader.
            PendingValue.class,
            Instant.class, LocalDate.class, LocalTime.class, LocalDateTime.class, OffsetDateTime.class,
            OffsetTime.class, ZonedDateTime.class, Duration.class, Period.class, Year.class,
            YearMonth.class, MonthDay.class, ZoneOffset.class);

    // Decided once per class: the hit path of a local copy asks on every read.
    private static final ClassValue<Boolean> KNOWN = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return immutableType(type, new HashSet<>());
        }
    };

    private ImmutableValues() {
    }

    /**
     * Tells whether a value can be shared by every reader without a copy.
     *
     * @param value the value, possibly {@code null}
     * @return {@code true} when nobody can change it in place
     */
    public static boolean isImmutable(@Nullable Object value) {
        if (value == null) {
            return true;
        }
        if (value instanceof Stamped stamped) {
            return isImmutable(stamped.value());
        }
        if (value instanceof Fingerprinted fingerprinted) {
            return isImmutable(fingerprinted.value());
        }
        return KNOWN.get(value.getClass());
    }

    private static boolean immutableType(Class<?> type, Set<Class<?>> visiting) {
        if (type.isPrimitive() || LEAVES.contains(type) || Enum.class.isAssignableFrom(type)) {
            return true;
        }
        if (!Record.class.isAssignableFrom(type) || !Serializable.class.isAssignableFrom(type)) {
            return false;
        }
        if (!visiting.add(type)) {
            // A record that contains its own type: immutable if the rest of it is.
            return true;
        }
        ObjectStreamClass descriptor;
        try {
            descriptor = ObjectStreamClass.lookup(type);
        } catch (RuntimeException unavailable) {
            return false;
        }
        if (descriptor == null) {
            return false;
        }
        for (ObjectStreamField field : descriptor.getFields()) {
            // Record classes are final: a field of a record type holds exactly that type (or null).
            if (!field.isPrimitive() && !immutableType(field.getType(), visiting)) {
                return false;
            }
        }
        return true;
    }
}
