package io.dtm.coordinator.store;

import java.util.List;

import io.dtm.protocol.TransBranch;

/**
 * The same MariaDB through mysql-connector-j ({@code jdbc:mysql:} URLs), in a database of
 * its own.
 */
class MysqlConnectorTransStoreContractTests extends TransStoreContractTests {

    @Override
    protected TransStore createStore() {
        return TestStores.mysqlStore("dtm_test_mysqlj", "mysql", 4);
    }

    @Override
    protected PendingAppend beginPendingAppend(String gid, List<TransBranch> rows) throws Exception {
        return PendingAppend.begin("jdbc:mysql://" + TestStores.MYSQL_HOST + "/dtm_test_mysqlj", TestStores.mysqlUser(),
                TestStores.mysqlPassword(), gid, rows,
                "SELECT COUNT(*) FROM information_schema.INNODB_LOCK_WAITS w JOIN information_schema.INNODB_TRX t "
                        + "ON t.trx_id = w.blocking_trx_id WHERE t.trx_mysql_thread_id = CONNECTION_ID()");
    }

}
