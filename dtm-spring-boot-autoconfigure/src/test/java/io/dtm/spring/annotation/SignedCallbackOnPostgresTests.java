package io.dtm.spring.annotation;

/**
 * The signed end-to-end flows with the coordinator's store on PostgreSQL at 127.0.0.1, in
 * a schema of its own ({@value #SCHEMA} of database {@code test}, dropped and created at
 * the start).
 */
class SignedCallbackOnPostgresTests extends AbstractSignedCallbackTests {

    static final String SCHEMA = "dtm_sign_e2e";

    @Override
    String storeName() {
        return "postgres";
    }

    @Override
    String[] storeProperties() {
        return new String[] { "dtm.coordinator.store.type=postgres",
                "dtm.coordinator.store.jdbc.url=" + SignedStores.freshPostgresSchema(SCHEMA),
                "dtm.coordinator.store.jdbc.username=" + SignedStores.pgUser(),
                "dtm.coordinator.store.jdbc.password=" + SignedStores.pgPassword(),
                "dtm.coordinator.store.jdbc.initialize-schema=always",
                // a small pool: the database server is shared with the other tests
                "dtm.coordinator.store.jdbc.max-pool-size=4" };
    }

}
