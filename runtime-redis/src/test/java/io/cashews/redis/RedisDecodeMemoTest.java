package io.cashews.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.cashews.Cashews;
import io.cashews.codec.ValueTypes;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The decode memo on a real Redis: a value read again unchanged is the one decoded before (from
 * its second reading on), a
 * value another instance overwrote is read as the new one at once (the memo is found by the
 * bytes, so it has nothing to invalidate), and a changeable value is decoded for every read.
 */
class RedisDecodeMemoTest {

    // shared with another class; each clears it first (test classes run one at a time)
    private static final String URL = TestRedis.url(3);

    record Quote(String symbol, long micros) implements Serializable {
    }

    private Cashews writer;
    private Cashews reader;

    @BeforeEach
    void open() {
        ValueTypes.allow(Quote.class);
        writer = Cashews.create(URL + "?suppress=false");
        reader = Cashews.create(URL + "?suppress=false");
        writer.clear();
    }

    @AfterEach
    void close() {
        writer.clear();
        writer.close();
        reader.close();
    }

    @Test
    void aValueReadAgainIsDecodedOnceAndAnOverwriteIsReadAtOnce() {
        writer.set("quote:a", new Quote("A", 1));
        assertThat(reader.<Object>get("quote:a")).isEqualTo(new Quote("A", 1));
        // Kept from the second decoding on.
        Object first = reader.<Object>get("quote:a");
        assertThat(reader.<Object>get("quote:a")).isSameAs(first);
        assertThat(reader.async().<Object>get("quote:a").join()).isSameAs(first);

        writer.set("quote:a", new Quote("A", 2));
        assertThat(reader.<Object>get("quote:a")).isEqualTo(new Quote("A", 2));

        // Back to the first bytes: equal bytes, the same decoding; another key, the same bytes too.
        writer.set("quote:a", new Quote("A", 1));
        writer.set("quote:b", new Quote("A", 1));
        assertThat(reader.<Object>get("quote:a")).isEqualTo(new Quote("A", 1));
        assertThat(reader.<Object>get("quote:b")).isEqualTo(new Quote("A", 1));
    }

    @Test
    void aChangeableValueIsDecodedForEveryRead() {
        writer.set("quotes", new ArrayList<>(List.of(new Quote("A", 1))));
        reader.get("quotes");
        @SuppressWarnings("unchecked")
        List<Quote> second = (List<Quote>) reader.get("quotes");
        second.clear();

        assertThat(reader.<Object>get("quotes")).isNotSameAs(second).isEqualTo(List.of(new Quote("A", 1)));
    }

    @Test
    void zeroDecodesEveryRead() {
        try (Cashews unmemoized = Cashews.create(URL + "?suppress=false&decode_memo_size=0")) {
            writer.set("quote:a", new Quote("A", 1));
            unmemoized.get("quote:a");
            Object second = unmemoized.<Object>get("quote:a");
            assertThat(unmemoized.<Object>get("quote:a")).isEqualTo(second).isNotSameAs(second);
        }
    }
}
