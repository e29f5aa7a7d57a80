package io.dtm.coordinator.store;

/**
 * The same MariaDB through mysql-connector-j ({@code jdbc:mysql:} URLs), in a database of
 * its own.
 */
class MysqlConnectorTransStoreContractTests extends TransStoreContractTests {

    @Override
    protected TransStore createStore() {
        return TestStores.mysqlStore("dtm_test_mysqlj", "mysql", 4);
    }

}
