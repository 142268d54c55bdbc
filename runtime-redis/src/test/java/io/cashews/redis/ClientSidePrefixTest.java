package io.cashews.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.cashews.Cashews;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What README says of {@code client_side_prefix} (issue 21: it was undocumented): a
 * {@code client_side=true} instance keeps every key under it on the server, {@code cashews:} by
 * default, so its data is apart from a plain instance's on the same Redis.
 */
class ClientSidePrefixTest {

    private static final String URL = TestRedis.url(10);

    private TestRedis.Raw raw;

    @BeforeEach
    void open() {
        raw = TestRedis.raw(URL);
        raw.sync().flushdb();
    }

    @AfterEach
    void close() {
        raw.close();
    }

    @Test
    void clientSideKeysLiveUnderTheirPrefixApartFromPlainInstances() {
        try (Cashews clientSide = Cashews.create(URL + "?client_side=true");
                Cashews custom = Cashews.create(URL + "?client_side=true&client_side_prefix=app:");
                Cashews plain = Cashews.create(URL)) {
            clientSide.set("cs", "v1");
            custom.set("cs", "v2");
            assertThat(raw.sync().keys("*")).containsExactlyInAnyOrder("cashews:cs", "app:cs");
            assertThat(plain.<String>get("cs")).isNull();
            assertThat(plain.<String>get("cashews:cs")).isEqualTo("v1");
            assertThat(clientSide.<String>get("cs")).isEqualTo("v1");
            assertThat(custom.<String>get("cs")).isEqualTo("v2");
        }
    }
}
