package io.cashews.redis;

/**
 * The backend contract against a real Redis with {@code connections=2}: keys spread over two
 * connections must not change a single answer.
 */
class RedisTwoConnectionsContractTest extends RedisBackendContractTest {

    @Override
    protected String moreOptions() {
        return "&connections=2";
    }
}
