package io.dtm.coordinator.store.jdbc;

import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.RowMapper;

import io.dtm.protocol.TransGlobal;
import io.dtm.protocol.TransStatus;
import io.dtm.protocol.TransType;
import io.dtm.coordinator.model.TransJson;

/** dtm's {@code trans_global}: one row per global transaction. */
final class GlobalTable {

    static final Column<TransGlobal, Long> ID = Column.integer("id", TransGlobal::getId, TransGlobal::setId)
        .notInserted();
    static final Column<TransGlobal, String> GID = Column.text("gid", TransGlobal::getGid, TransGlobal::setGid);
    static final Column<TransGlobal, String> TRANS_TYPE = Column.word("trans_type", TransGlobal::getTransType,
            TransGlobal::setTransType, TransType::fromWire);
    static final Column<TransGlobal, String> STATUS = Column.word("status", TransGlobal::getStatus,
            TransGlobal::setStatus, TransStatus::fromWire);
    static final Column<TransGlobal, String> QUERY_PREPARED = Column.text("query_prepared",
            TransGlobal::getQueryPrepared, TransGlobal::setQueryPrepared);
    static final Column<TransGlobal, String> PROTOCOL = Column.text("protocol", TransGlobal::getProtocol,
            TransGlobal::setProtocol);
    static final Column<TransGlobal, Instant> CREATE_TIME = Column.timestamp("create_time", TransGlobal::getCreateTime,
            TransGlobal::setCreateTime);
    static final Column<TransGlobal, Instant> UPDATE_TIME = Column.timestamp("update_time", TransGlobal::getUpdateTime,
            TransGlobal::setUpdateTime);
    static final Column<TransGlobal, Instant> FINISH_TIME = Column
        .timestamp("finish_time", TransGlobal::getFinishTime, TransGlobal::setFinishTime)
        .notInserted();
    static final Column<TransGlobal, Instant> ROLLBACK_TIME = Column
        .timestamp("rollback_time", TransGlobal::getRollbackTime, TransGlobal::setRollbackTime)
        .notInserted();
    static final Column<TransGlobal, String> OPTIONS = Column.text("options",
            g -> TransJson.optionsToJson(g.getOptions()), (g, json) -> g.setOptions(TransJson.optionsFromJson(json)));
    static final Column<TransGlobal, String> CUSTOM_DATA = Column.text("custom_data", TransGlobal::getCustomData,
            TransGlobal::setCustomData);
    static final Column<TransGlobal, Long> NEXT_CRON_INTERVAL = Column.integer("next_cron_interval",
            TransGlobal::getNextCronInterval, TransGlobal::setNextCronInterval);
    static final Column<TransGlobal, Instant> NEXT_CRON_TIME = Column.timestamp("next_cron_time",
            TransGlobal::getNextCronTime, TransGlobal::setNextCronTime);
    static final Column<TransGlobal, String> OWNER = Column.text("owner", TransGlobal::getOwner, TransGlobal::setOwner);
    static final Column<TransGlobal, String> EXT_DATA = Column.text("ext_data", TransGlobal::getExtData,
            TransGlobal::setExtData);
    static final Column<TransGlobal, String> RESULT = Column.text("result", TransGlobal::getResult,
            TransGlobal::setResult);
    static final Column<TransGlobal, String> ROLLBACK_REASON = Column.text("rollback_reason",
            TransGlobal::getRollbackReason, TransGlobal::setRollbackReason);

    static final Table<TransGlobal> TABLE = new Table<>("trans_global",
            List.of(ID, GID, TRANS_TYPE, STATUS, QUERY_PREPARED, PROTOCOL, CREATE_TIME, UPDATE_TIME, FINISH_TIME,
                    ROLLBACK_TIME, OPTIONS, CUSTOM_DATA, NEXT_CRON_INTERVAL, NEXT_CRON_TIME, OWNER, EXT_DATA, RESULT,
                    ROLLBACK_REASON));

    /** What a status change writes. */
    static final List<Column<TransGlobal, ?>> STATUS_CHANGE = List.of(STATUS, UPDATE_TIME, FINISH_TIME, ROLLBACK_TIME,
            ROLLBACK_REASON, RESULT, OWNER, NEXT_CRON_TIME, NEXT_CRON_INTERVAL, EXT_DATA);

    /** The statuses of a transaction that is not finished. */
    static final List<String> UNFINISHED_STATUSES = List.of("prepared", "aborting", "submitted");

    /** The condition that a transaction is not finished. */
    static final String UNFINISHED = "status IN ("
            + String.join(", ", UNFINISHED_STATUSES.stream().map((status) -> "'" + status + "'").toList()) + ")";

    /** The statuses of a finished transaction. */
    static final String FINISHED = "status IN ('succeed', 'failed')";

    static RowMapper<TransGlobal> mapper(JdbcDialect dialect) {
        return TABLE.mapper(TransGlobal::new, dialect);
    }

    private GlobalTable() {
    }

}
