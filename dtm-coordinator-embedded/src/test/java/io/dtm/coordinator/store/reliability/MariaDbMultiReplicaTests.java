package io.dtm.coordinator.store.reliability;

import io.dtm.coordinator.store.TestStores;
import io.dtm.coordinator.store.TransStore;
import io.dtm.coordinator.store.jdbc.JdbcDialect;
import io.dtm.coordinator.store.jdbc.JdbcStoreFactory;

/**
 * Three replicas on one MariaDB database ({@code dtm_test_replicas}), each with its own
 * connection pool.
 */
class MariaDbMultiReplicaTests extends MultiReplicaReliabilityTests {

    private static final String DATABASE = "dtm_test_replicas";

    @Override
    protected TransStore newStore(boolean first) {
        if (first) {
            return TestStores.mysqlStore(DATABASE, "mariadb", 8);
        }
        return JdbcStoreFactory.create(JdbcDialect.MYSQL, "jdbc:mariadb://" + TestStores.MYSQL_HOST + "/" + DATABASE,
                TestStores.mysqlUser(), TestStores.mysqlPassword(), 8, false);
    }

}
