package io.cashews.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.cashews.UnsecureDataException;
import io.cashews.spi.Options;
import java.util.List;
import java.util.Map;

/**
 * Coverage-guided fuzzing of the read path: whatever bytes are stored, {@code decode} returns a
 * value or a miss, and only a signing codec may throw, and only {@link UnsecureDataException}.
 *
 * <p>{@code mvn verify} runs it in Jazzer's regression mode: the inputs under
 * {@code src/test/resources/io/cashews/codec/ValueCodecFuzzTestInputs/} (hostile payloads and
 * anything a fuzzing run found), once each. To fuzz, from the repository root:
 * {@code JAZZER_FUZZ=1 mvn -o -pl runtime test -Dtest=ValueCodecFuzzTest -Dsurefire.failIfNoSpecifiedTests=false}
 * (it stops after {@code maxDuration}; inputs that fail are written beside the others).
 */
class ValueCodecFuzzTest {

    private static final List<ValueCodec> UNSIGNED = List.of(
            ValueCodec.of(Options.of(Map.of())),
            ValueCodec.of(Options.of(Map.of("serializer", "json"))),
            ValueCodec.of(Options.of(Map.of("compress_type", "gzip", "compress_max_size", 1 << 20))));
    private static final ValueCodec SIGNED = ValueCodec.of(Options.of(Map.of("secret", "fuzz", "digestmod", "sha256")));

    @FuzzTest(maxDuration = "2m")
    void decodeReadsAsAValueOrAMiss(byte[] stored) {
        for (ValueCodec codec : UNSIGNED) {
            read(codec, stored);
        }
        try {
            read(SIGNED, stored);
        } catch (UnsecureDataException expected) {
            // A wrong signature or digest: the one exception a read may raise.
        }
    }

    private static void read(ValueCodec codec, byte[] stored) {
        Object value = codec.decode("fuzz:key", stored);
        if (value instanceof PendingValue pending) {
            pending.as(ValueType.ANY);
        }
    }
}
