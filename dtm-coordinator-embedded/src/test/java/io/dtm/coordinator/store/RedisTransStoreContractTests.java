package io.dtm.coordinator.store;

import org.junit.jupiter.api.AfterAll;

/** Redis on 127.0.0.1:6379 under a key prefix of its own, removed afterwards. */
class RedisTransStoreContractTests extends TransStoreContractTests {

    private final String prefix = TestStores.redisPrefix();

    @Override
    protected TransStore createStore() {
        return TestStores.redisStore(prefix);
    }

    @AfterAll
    void deleteKeys() {
        TestStores.deleteRedisKeys(prefix);
    }

    @Override
    protected boolean deletesFinished() {
        return false;
    }

}
