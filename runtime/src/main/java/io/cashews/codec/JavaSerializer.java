package io.cashews.codec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
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

    JavaSerializer(AllowListFilter filter) {
        this.filter = filter;
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

    @Override
    public @Nullable Object read(byte[] data, int offset) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(data, offset, data.length - offset))) {
            in.setObjectInputFilter(filter);
            return in.readObject();
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            // Rejected by the filter (InvalidClassException), class changed or gone, corrupt bytes:
            // all of them are a miss, the caller recomputes.
            return null;
        }
    }
}
