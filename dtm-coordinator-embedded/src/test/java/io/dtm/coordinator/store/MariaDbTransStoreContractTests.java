package io.dtm.coordinator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.dtm.coordinator.store.jdbc.JdbcDialect;
import io.dtm.coordinator.store.jdbc.JdbcStoreFactory;
import io.dtm.protocol.TransBranch;
import io.dtm.protocol.TransGlobal;
import io.dtm.protocol.TransStatus;

/** MariaDB through the MariaDB connector, in a database of its own ({@code dtm_test}). */
class MariaDbTransStoreContractTests extends TransStoreContractTests {

    @Override
    protected TransStore createStore() {
        return TestStores.mysqlStore("dtm_test", "mariadb", 4);
    }

    @Override
    protected PendingAppend beginPendingAppend(String gid, List<TransBranch> rows) throws Exception {
        return PendingAppend.begin("jdbc:mariadb://" + TestStores.MYSQL_HOST + "/dtm_test", TestStores.mysqlUser(),
                TestStores.mysqlPassword(), gid, rows,
                "SELECT COUNT(*) FROM information_schema.INNODB_LOCK_WAITS w JOIN information_schema.INNODB_TRX t "
                        + "ON t.trx_id = w.blocking_trx_id WHERE t.trx_mysql_thread_id = CONNECTION_ID()");
    }

    /**
     * dtm keeps the local time of its zone in {@code datetime} columns, and so does the
     * store; connections that would convert times to another zone are refused at start
     * rather than moving every deadline.
     */
    @Test
    void timesAreTheJvmZonesWallTime() throws Exception {
        Instant created = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TransGlobal g = new TransGlobal();
        g.setGid(UUID.randomUUID().toString());
        g.setTransType("saga");
        g.setStatus(TransStatus.SUBMITTED.wireName());
        g.setProtocol("http");
        g.setCreateTime(created);
        g.setUpdateTime(created);
        g.setNextCronTime(created.plusSeconds(30));
        g.setNextCronInterval(30L);
        assertThat(store.insertGlobal(g, List.of())).isTrue();
        assertThat(store.findGlobal(g.getGid()).orElseThrow().getCreateTime()).isEqualTo(created);
        try (Connection c = DriverManager.getConnection("jdbc:mariadb://" + TestStores.MYSQL_HOST + "/dtm_test",
                TestStores.mysqlUser(), TestStores.mysqlPassword());
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT CAST(create_time AS CHAR) FROM trans_global WHERE gid = '" + g.getGid() + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                .format(LocalDateTime.ofInstant(created, ZoneId.systemDefault())));
        }
    }

    @Test
    void connectionsThatConvertTimesToAnotherZoneAreRefused() {
        String url = TestStores.freshMysqlDatabase("dtm_test_zone", "mariadb");
        String otherZone = ZoneId.systemDefault().getId().equals("Asia/Kolkata") ? "America/Lima" : "Asia/Kolkata";
        assertThatThrownBy(() -> JdbcStoreFactory.create(JdbcDialect.MYSQL,
                url + "?preserveInstants=true&connectionTimeZone=" + otherZone, TestStores.mysqlUser(),
                TestStores.mysqlPassword(), 2, true))
            .isInstanceOf(CoordinatorStoreException.class)
            .hasMessageContaining("convert times to a time zone of their own");
    }

}
