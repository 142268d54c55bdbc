package io.cashews.redis;

import org.junit.jupiter.api.Test;

/**
 * {@code serializer=json} without Jackson on the class path, as in an application that never added
 * it: the setup fails naming the library. Jackson is a test dependency of this module (for
 * {@link RedisJsonTest}), so the pom runs this class alone, in the surefire execution
 * {@code without-jackson}, with Jackson taken off the class path; the main run excludes it.
 */
class JacksonMissingTest {

    private static final String URL = TestRedis.url(15);

    @Test
    void jacksonMissingIsNamedAtSetup() {
        RedisOptionsTest.setupFails(URL + "?serializer=json", "serializer=json", "com.fasterxml.jackson.core:jackson-databind");
    }
}
