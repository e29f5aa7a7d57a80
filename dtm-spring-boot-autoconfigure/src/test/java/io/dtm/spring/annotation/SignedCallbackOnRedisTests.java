package io.dtm.spring.annotation;

import java.util.UUID;

/**
 * The signed end-to-end flows with the coordinator's store on Redis at 127.0.0.1, under a
 * key prefix of its own (hash-tagged like the default, deleted after the tests).
 */
class SignedCallbackOnRedisTests extends AbstractSignedCallbackTests {

    private final String prefix = "{sign-e2e-" + UUID.randomUUID().toString().substring(0, 8) + "}";

    @Override
    String storeName() {
        return "redis";
    }

    @Override
    String[] storeProperties() {
        return new String[] { "dtm.coordinator.store.type=redis",
                "dtm.coordinator.store.redis.url=" + SignedStores.REDIS,
                "dtm.coordinator.store.redis.prefix=" + this.prefix };
    }

    @Override
    void dropStore() {
        SignedStores.deleteRedisKeys(this.prefix);
    }

}
