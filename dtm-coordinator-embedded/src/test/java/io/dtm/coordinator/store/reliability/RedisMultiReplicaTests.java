package io.dtm.coordinator.store.reliability;

import org.junit.jupiter.api.AfterEach;

import io.dtm.coordinator.store.TestStores;
import io.dtm.coordinator.store.TransStore;

/**
 * Three replicas on one Redis, each with its own connection, under one key prefix of the
 * test's own.
 */
class RedisMultiReplicaTests extends MultiReplicaReliabilityTests {

    private final String prefix = TestStores.redisPrefix();

    @Override
    protected TransStore newStore(boolean first) {
        return TestStores.redisStore(prefix);
    }

    @AfterEach
    void deleteKeys() {
        TestStores.deleteRedisKeys(prefix);
    }

}
