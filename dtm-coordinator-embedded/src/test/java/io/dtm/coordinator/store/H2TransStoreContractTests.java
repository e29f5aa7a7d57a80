package io.dtm.coordinator.store;

import java.util.UUID;

import io.dtm.coordinator.store.jdbc.JdbcDialect;
import io.dtm.coordinator.store.jdbc.JdbcStoreFactory;

class H2TransStoreContractTests extends TransStoreContractTests {

    @Override
    protected TransStore createStore() {
        return JdbcStoreFactory.create(JdbcDialect.H2,
                "jdbc:h2:mem:contract-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 4, true);
    }

}
