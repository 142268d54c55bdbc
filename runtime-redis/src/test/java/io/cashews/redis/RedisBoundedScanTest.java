package io.cashews.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.cashews.Cashews;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A bounded scan stops walking the keyspace once it has its keys: the server counts the
 * {@code SCAN} commands it ran, so a listing of five among 20,000 keys costs one page of
 * {@code SCAN}, where the full listing costs one per thousand keys. This is what keeps the
 * Boot endpoint's {@code /actuator/cashews/keys} cheap on a large Redis.
 */
class RedisBoundedScanTest {

    // shared with another class; each clears it first (test classes run one at a time)
    private static final String URL = TestRedis.url(9);
    private static final int KEYS = 20_000;

    private TestRedis.Raw raw;

    @BeforeEach
    void open() {
        raw = TestRedis.raw(URL);
        raw.sync().flushdb();
    }

    @AfterEach
    void empty() {
        raw.sync().flushdb();
        raw.close();
    }

    @Test
    void aBoundedScanRunsOnePageOfScanWhereTheFullListingWalksEveryKey() {
        for (String options : new String[] {"", "&client_side=true"}) {
            try (Cashews cache = new Cashews()) {
                cache.setup(URL + "?suppress=false" + options);
                raw.sync().flushdb();
                Map<String, Integer> rows = new HashMap<>();
                for (int i = 0; i < KEYS; i++) {
                    rows.put("row:" + i, i);
                }
                cache.setMany(rows, null);

                long before = scanCalls();
                assertThat(cache.scan("row:*", 5).collect(Collectors.toSet())).as(options).hasSize(5)
                        .allMatch(key -> key.startsWith("row:"));
                long bounded = scanCalls() - before;

                before = scanCalls();
                assertThat(cache.scan("row:*", KEYS + 1).count()).as(options).isEqualTo(KEYS);
                long full = scanCalls() - before;

                assertThat(bounded).as("SCAN commands for 5 keys" + options).isEqualTo(1);
                assertThat(full).as("SCAN commands for all keys" + options).isGreaterThanOrEqualTo(KEYS / 1_000);
            }
        }
    }

    // The calls of SCAN the server has run since it started (INFO commandstats).
    private long scanCalls() {
        Matcher calls = Pattern.compile("cmdstat_scan:calls=(\\d+)").matcher(raw.sync().info("commandstats"));
        return calls.find() ? Long.parseLong(calls.group(1)) : 0;
    }
}
