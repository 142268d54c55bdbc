package io.cashews.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cashews.Cashews;
import io.cashews.UnsecureDataException;
import io.cashews.codec.ValueTypes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Values planted directly in Redis, past the backend: with a secret set, none is ever returned as
 * data, and no class outside the allow-list is ever instantiated.
 */
class RedisValueSecurityTest {

    private static final String URL = TestRedis.url(2);

    /** A declared result type, registered as a generated proxy would. */
    record Profile(String name, int level) implements Serializable {
    }

    /** Never registered. */
    static final class Gadget implements Serializable {
        private static final long serialVersionUID = 1L;
        static volatile int created;

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            created++;
            in.defaultReadObject();
        }
    }

    static {
        ValueTypes.allow(Profile.class);
    }

    private TestRedis.Raw raw;
    private Cashews signed;
    private Cashews unsigned;

    @BeforeEach
    void open() {
        raw = TestRedis.raw(URL);
        raw.sync().flushdb();
        signed = new Cashews();
        signed.setup(URL + "?secret=s3cret&digestmod=sha256");
        unsigned = new Cashews();
        unsigned.setup(URL);
    }

    @AfterEach
    void close() {
        signed.close();
        unsigned.close();
        raw.close();
    }

    private byte[] stored(String key) {
        return raw.sync().get(key);
    }

    @Test
    void signedValuesRoundTripAndAreStoredSigned() {
        signed.set("profile:1", new Profile("ann", 3), Duration.ofMinutes(1));
        assertThat(new String(stored("profile:1"), StandardCharsets.ISO_8859_1)).startsWith("sha256:");
        assertThat(signed.<Profile>get("profile:1")).isEqualTo(new Profile("ann", 3));
    }

    @Test
    void tamperedValueIsNeverReturned() {
        signed.set("role", "user");
        byte[] data = stored("role");
        data[data.length - 1] = 'X';
        raw.sync().set("role", data);
        assertThatThrownBy(() -> signed.get("role")).isInstanceOf(UnsecureDataException.class).hasMessageContaining("role");
        assertThatThrownBy(() -> signed.getMany("role")).isInstanceOf(UnsecureDataException.class);
    }

    @Test
    void valueCopiedToAnotherKeyIsNeverReturned() {
        signed.set("role:admin", "admin");
        raw.sync().set("role:guest", stored("role:admin"));
        assertThatThrownBy(() -> signed.get("role:guest")).isInstanceOf(UnsecureDataException.class);
        assertThat(signed.<String>get("role:admin")).isEqualTo("admin");
    }

    @Test
    void unsignedValueIsAMiss() {
        unsigned.set("role", "admin");
        unsigned.set("profile", new Profile("eve", 9));
        assertThat(signed.get("role", "fallback")).isEqualTo("fallback");
        assertThat(signed.<Object>get("profile")).isNull();
        assertThat(signed.getMany("role", "profile")).containsExactly(null, null);
    }

    @Test
    void serializedObjectOfForeignClassIsNeverInstantiated() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write('J');
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new ArrayList<>(List.of(new Gadget())));
        }
        raw.sync().set("planted", bytes.toByteArray());
        Gadget.created = 0;
        assertThat(unsigned.<Object>get("planted")).isNull();
        assertThat(unsigned.getMatch("plant*")).isEmpty();
        assertThat(Gadget.created).isZero();
    }

    @Test
    void garbageIsAMissNotAnError() {
        raw.sync().set("junk", new byte[] {1, 2, 3, (byte) 0xff});
        raw.sync().set("half", "J\u00ac\u00ed".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(unsigned.<Object>get("junk")).isNull();
        assertThat(unsigned.<Object>get("half")).isNull();
        assertThat(signed.<Object>get("junk")).isNull();
    }

    @Test
    void countersAreSignedAndIncrStillWorksWithASecret() {
        signed.set("n", 5L);
        // Issue 21: counters used to stay bare digits ("5"), so an outside SET n 999 read back as 999.
        assertThat(new String(stored("n"), StandardCharsets.US_ASCII)).startsWith("sha256:").endsWith("_L5");
        assertThat(signed.incr("n", 2, null)).isEqualTo(7);
        assertThat(signed.<Long>get("n")).isEqualTo(7L);
        raw.sync().set("n", "999".getBytes(StandardCharsets.US_ASCII));
        assertThat(signed.<Long>get("n")).isNull();
    }
}
