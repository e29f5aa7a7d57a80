package io.dtm.coordinator.store;

import java.util.List;
import java.util.UUID;

import io.dtm.coordinator.store.jdbc.JdbcDialect;
import io.dtm.coordinator.store.jdbc.JdbcStoreFactory;
import io.dtm.protocol.TransBranch;

class H2TransStoreContractTests extends TransStoreContractTests {

    private final String url = "jdbc:h2:mem:contract-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

    @Override
    protected TransStore createStore() {
        return JdbcStoreFactory.create(JdbcDialect.H2, url, "sa", "", 4, true);
    }

    @Override
    protected PendingAppend beginPendingAppend(String gid, List<TransBranch> rows) throws Exception {
        return PendingAppend.begin(url, "sa", "", gid, rows,
                "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID = SESSION_ID()");
    }

}
