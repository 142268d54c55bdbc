package io.cashews.codec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * {@code serializer=java}: JDK serialization, read back behind the {@link AllowListFilter}. The
 * filter is set on each stream before the first object is read, so a class outside the list is
 * refused from its descriptor, before any instance of it exists.
 */
final class JavaSerializer implements Serializer {

    private final AllowListFilter filter;
    private final int maxDepth;

    JavaSerializer(AllowListFilter filter, int maxDepth) {
        this.filter = filter;
        this.maxDepth = maxDepth;
    }

    @Override
    public byte[] write(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        bytes.write(ValueCodec.TAG_JAVA);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException("cannot cache a value of " + value.getClass().getName()
                    + " with serializer=java: " + e.getMessage() + " is not Serializable; implement"
                    + " java.io.Serializable or use serializer=json", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serialize a value of " + value.getClass().getName() + ": " + e, e);
        }
        return bytes.toByteArray();
    }

    /**
     * {@inheritDoc}
     *
     * @throws DecodeLimits.Exceeded if the stream nests deeper than {@code serializer_max_depth},
     *     or announces more objects or a longer array than its bytes could carry
     */
    @Override
    public @Nullable Object read(byte[] data, int offset) {
        long size = data.length - offset;
        String[] broken = new String[1];
        // Checked before each object and array is created, so a bomb stops at its announcement.
        ObjectInputFilter bounded = info -> {
            if (info.depth() > maxDepth) {
                broken[0] = "serializer_max_depth=" + maxDepth;
            } else if (info.references() > size) {
                broken[0] = "more objects (" + info.references() + ") than bytes (" + size + ")";
            } else if (info.arrayLength() >= 0 && !DecodeLimits.plausibleArray(info.arrayLength(), size - info.streamBytes())) {
                broken[0] = "an array of " + info.arrayLength() + " elements in " + size + " bytes";
            } else {
                return filter.checkInput(info);
            }
            return ObjectInputFilter.Status.REJECTED;
        };
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(data, offset, data.length - offset))) {
            in.setObjectInputFilter(bounded);
            return in.readObject();
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            if (broken[0] != null) {
                throw new DecodeLimits.Exceeded(broken[0]);
            }
            // Rejected by the allow-list (InvalidClassException), class changed or gone, corrupt
            // bytes: all of them are a miss, the caller recomputes.
            return null;
        }
    }
}
