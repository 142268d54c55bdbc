package io.cashews.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code serializer=json}: Jackson. The stored form is the tag, the value's type name, a newline
 * and the JSON text. The type name is only ever looked up among the classes registered in
 * {@link ValueTypes} (the declared result types of cached methods) and a few JDK types; it is
 * never used to load a class, so data cannot choose what gets instantiated. Collections are read
 * back as {@code ArrayList}, {@code LinkedHashSet} and {@code LinkedHashMap} of JSON values.
 *
 * <p>This class is the only one that touches Jackson, an optional dependency: creating it fails
 * with a {@link LinkageError} when Jackson is absent, which {@link ValueCodec} reports.
 */
final class JsonSerializer implements Serializer {

    private static final Map<String, Class<?>> JDK_TYPES = Map.of(
            "java.util.List", ArrayList.class,
            "java.util.Set", LinkedHashSet.class,
            "java.util.Map", LinkedHashMap.class,
            "java.lang.Boolean", Boolean.class,
            "java.lang.Double", Double.class,
            "java.lang.Float", Float.class,
            "java.lang.Short", Short.class,
            "java.lang.Byte", Byte.class,
            "java.math.BigDecimal", BigDecimal.class,
            "java.math.BigInteger", BigInteger.class);

    private final ObjectMapper mapper = new ObjectMapper();

    JsonSerializer() {
    }

    @Override
    public byte[] write(Object value) {
        String type = typeName(value);
        try {
            byte[] json = mapper.writeValueAsBytes(value);
            byte[] name = type.getBytes(StandardCharsets.UTF_8);
            byte[] out = new byte[1 + name.length + 1 + json.length];
            out[0] = ValueCodec.TAG_JSON;
            System.arraycopy(name, 0, out, 1, name.length);
            out[1 + name.length] = '\n';
            System.arraycopy(json, 0, out, name.length + 2, json.length);
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write a value of " + value.getClass().getName()
                    + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String typeName(Object value) {
        if (ValueTypes.isAllowed(value.getClass())) {
            return value.getClass().getName();
        }
        if (value instanceof List<?>) {
            return "java.util.List";
        }
        if (value instanceof Set<?>) {
            return "java.util.Set";
        }
        if (value instanceof Map<?, ?>) {
            return "java.util.Map";
        }
        if (value instanceof Collection<?>) {
            return "java.util.List";
        }
        // Unregistered: written anyway (the write must not fail the caller), read back as a miss
        // until the class is registered.
        return value.getClass().getName();
    }

    @Override
    public @Nullable Object read(byte[] data, int offset) {
        int newline = -1;
        for (int i = offset; i < data.length; i++) {
            if (data[i] == '\n') {
                newline = i;
                break;
            }
        }
        if (newline < 0) {
            return null;
        }
        String name = new String(data, offset, newline - offset, StandardCharsets.UTF_8);
        Class<?> type = JDK_TYPES.get(name);
        if (type == null) {
            type = ValueTypes.byName(name);
        }
        if (type == null) {
            return null;
        }
        try {
            return mapper.readValue(data, newline + 1, data.length - newline - 1, type);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
