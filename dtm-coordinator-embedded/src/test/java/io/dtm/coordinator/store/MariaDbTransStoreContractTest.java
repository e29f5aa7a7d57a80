package io.dtm.coordinator.store;

/** MariaDB through the MariaDB connector, in a database of its own ({@code dtm_test}). */
class MariaDbTransStoreContractTest extends TransStoreContractTest {

    @Override
    protected TransStore createStore() {
        return TestStores.mysqlStore("dtm_test", "mariadb", 4);
    }
}
