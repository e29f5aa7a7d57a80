package io.dtm.coordinator.store;

/** PostgreSQL, in a schema of its own ({@code dtm_contract}) of database {@code test}. */
class PostgresTransStoreContractTests extends TransStoreContractTests {

    @Override
    protected TransStore createStore() {
        return TestStores.postgresStore("dtm_contract", 4);
    }

}
