package io.dtm.coordinator.store;

/** MariaDB through the MariaDB connector, in a database of its own ({@code dtm_test}). */
class MariaDbTransStoreContractTests extends TransStoreContractTests {

    @Override
    protected TransStore createStore() {
        return TestStores.mysqlStore("dtm_test", "mariadb", 4);
    }

}
