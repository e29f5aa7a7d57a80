package io.dtm.coordinator.store;

import java.util.List;

import io.dtm.protocol.TransBranch;

/** PostgreSQL, in a schema of its own ({@code dtm_contract}) of database {@code test}. */
class PostgresTransStoreContractTests extends TransStoreContractTests {

    @Override
    protected TransStore createStore() {
        return TestStores.postgresStore("dtm_contract", 4);
    }

    @Override
    protected PendingAppend beginPendingAppend(String gid, List<TransBranch> rows) throws Exception {
        return PendingAppend.begin(TestStores.PG_URL + "?currentSchema=dtm_contract", TestStores.pgUser(),
                TestStores.pgPassword(), gid, rows,
                "SELECT count(*) FROM pg_stat_activity WHERE pg_backend_pid() = ANY(pg_blocking_pids(pid))");
    }

}
