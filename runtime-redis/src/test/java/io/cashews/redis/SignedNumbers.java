package io.cashews.redis;

import io.cashews.annotations.Cache;
import io.cashews.annotations.Early;

/**
 * Results of every kind a proxy stores, for {@link RedisSignedNumbersTest}: numbers, a string, an
 * object, a stamped value and a cached exception, each under a key an outside writer can target.
 */
public interface SignedNumbers {

    @Cache(ttl = "1h", key = "long:{id}")
    Long number(int id);

    @Cache(ttl = "1h", key = "int:{id}")
    Integer small(int id);

    @Cache(ttl = "1h", key = "any:{id}")
    Object anything(int id);

    @Cache(ttl = "1h", key = "text:{id}")
    String text(int id);

    @Early(ttl = "1h", earlyTtl = "30m", key = "early:{id}")
    Long early(int id);

    @Cache(ttl = "1h", key = "failing:{id}", withExceptions = IllegalStateException.class)
    Long failing(int id);
}
