package io.dtm.spring.annotation;

/**
 * The signed end-to-end flows with the coordinator's store on MariaDB at 127.0.0.1, in a
 * database of its own ({@value #DATABASE}, dropped and created at the start).
 */
class SignedCallbackOnMariaDbTests extends AbstractSignedCallbackTests {

    static final String DATABASE = "dtm_sign_e2e";

    @Override
    String storeName() {
        return "mariadb";
    }

    @Override
    String[] storeProperties() {
        return new String[] { "dtm.coordinator.store.type=mysql",
                "dtm.coordinator.store.jdbc.url=" + SignedStores.freshMysqlDatabase(DATABASE),
                "dtm.coordinator.store.jdbc.username=" + SignedStores.mysqlUser(),
                "dtm.coordinator.store.jdbc.password=" + SignedStores.mysqlPassword(),
                "dtm.coordinator.store.jdbc.initialize-schema=always",
                // a small pool: the database server is shared with the other tests
                "dtm.coordinator.store.jdbc.max-pool-size=4" };
    }

}
