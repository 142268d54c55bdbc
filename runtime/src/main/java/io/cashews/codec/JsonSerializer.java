package io.cashews.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.TypeFactory;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * {@code serializer=json}: Jackson. The stored form is the tag and the JSON text, nothing else:
 * no class name is written, so none can be read. Reading yields a {@link PendingValue} that the
 * reader decodes into its declared {@link ValueType} (generated proxies pass their method's
 * result type); what gets instantiated is therefore chosen by the code, never by the data.
 * Jackson's polymorphic typing stays off. Jackson modules on the class path (such as
 * {@code jackson-datatype-jsr310} for {@code java.time}) are picked up through the
 * {@link java.util.ServiceLoader}.
 *
 * <p>This class is the only one that touches Jackson, an optional dependency: creating it fails
 * with a {@link LinkageError} when Jackson is absent, which {@link ValueCodec} reports.
 */
final class JsonSerializer implements Serializer {

    private static final System.Logger LOG = System.getLogger(JsonSerializer.class.getName());
    private static final Set<ValueType<?>> LOGGED = ConcurrentHashMap.newKeySet();

    private final ObjectMapper mapper;
    private final Map<ValueType<?>, JavaType> javaTypes = new ConcurrentHashMap<>();

    /**
     * Creates the serializer with bounded reads.
     *
     * @param maxDepth how deep documents may nest (4 levels of JSON per level of
     *     {@code serializer_max_depth})
     * @param maxSize the longest document and string, in bytes and characters
     */
    JsonSerializer(int maxDepth, int maxSize) {
        // Set explicitly, not left to Jackson's defaults, which change between versions.
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(4 * maxDepth)
                .maxDocumentLength(maxSize)
                .maxStringLength(maxSize)
                .maxNumberLength(1000)
                .maxNameLength(50_000)
                .build();
        this.mapper = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(constraints).build())
                .findAndAddModules().build();
    }

    @Override
    public byte[] write(Object value) {
        try {
            byte[] json = mapper.writeValueAsBytes(value);
            byte[] out = new byte[json.length + 1];
            out[0] = ValueCodec.TAG_JSON;
            System.arraycopy(json, 0, out, 1, json.length);
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write a value of " + value.getClass().getName()
                    + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Defers decoding until the reader names its type. */
    @Override
    public Object read(byte[] data, int offset) {
        return new PendingValue(this, data, offset);
    }

    /**
     * Decodes JSON into a declared type.
     *
     * @return the value, or {@code null} when the text does not fit the type (logged once per type)
     */
    @Nullable Object read(byte[] data, int offset, ValueType<?> type) {
        try {
            JavaType target = javaTypes.computeIfAbsent(type, this::javaType);
            return mapper.readValue(data, offset, data.length - offset, target);
        } catch (IOException | RuntimeException e) {
            if (LOGGED.add(type)) {
                LOG.log(Level.WARNING, "a cached JSON value could not be read as {0} and counts as a miss"
                        + " (the class changed, or the type cannot be built from JSON): {1}", type, e.toString());
            }
            return null;
        }
    }

    private JavaType javaType(ValueType<?> type) {
        TypeFactory types = mapper.getTypeFactory();
        if (type.arguments().isEmpty()) {
            return types.constructType(type.raw());
        }
        JavaType[] arguments = new JavaType[type.arguments().size()];
        for (int i = 0; i < arguments.length; i++) {
            arguments[i] = javaType(type.arguments().get(i));
        }
        return types.constructParametricType(type.raw(), arguments);
    }
}
