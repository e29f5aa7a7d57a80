package io.dtm.coordinator.store.jdbc;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.jdbc.core.RowMapper;

import io.dtm.protocol.TransBranch;
import io.dtm.protocol.TransStatus;

/**
 * dtm's {@code trans_branch_op}: one row per branch operation (action, compensate, try,
 * confirm, ...).
 */
final class BranchTable {

    static final Column<TransBranch, Long> ID = Column.integer("id", TransBranch::getId, TransBranch::setId)
        .notInserted();
    static final Column<TransBranch, String> GID = Column.text("gid", TransBranch::getGid, TransBranch::setGid);
    static final Column<TransBranch, String> URL = Column.text("url", TransBranch::getUrl, TransBranch::setUrl);
    static final Column<TransBranch, byte[]> BIN_DATA = Column.binary("bin_data", TransBranch::getBinData,
            TransBranch::setBinData);
    static final Column<TransBranch, String> BRANCH_ID = Column.text("branch_id", TransBranch::getBranchId,
            TransBranch::setBranchId);
    static final Column<TransBranch, String> OP = Column.text("op", TransBranch::getOp, TransBranch::setOp);
    static final Column<TransBranch, String> STATUS = Column.word("status", TransBranch::getStatus,
            TransBranch::setStatus, TransStatus::fromWire);
    static final Column<TransBranch, Instant> FINISH_TIME = Column.timestamp("finish_time", TransBranch::getFinishTime,
            TransBranch::setFinishTime);
    static final Column<TransBranch, Instant> ROLLBACK_TIME = Column.timestamp("rollback_time",
            TransBranch::getRollbackTime, TransBranch::setRollbackTime);
    static final Column<TransBranch, Instant> CREATE_TIME = Column.timestamp("create_time", TransBranch::getCreateTime,
            TransBranch::setCreateTime);
    static final Column<TransBranch, Instant> UPDATE_TIME = Column.timestamp("update_time", TransBranch::getUpdateTime,
            TransBranch::setUpdateTime);

    static final Table<TransBranch> TABLE = new Table<>("trans_branch_op", List.of(ID, GID, URL, BIN_DATA, BRANCH_ID,
            OP, STATUS, FINISH_TIME, ROLLBACK_TIME, CREATE_TIME, UPDATE_TIME));

    /**
     * The inserted columns but the gid, in order: statements that insert the branches of
     * one global take the gid from the global row.
     */
    static final List<Column<TransBranch, ?>> VALUES = TABLE.insertColumns().stream().filter(c -> c != GID).toList();

    /**
     * The start of an insert of the rows of a derived table {@code v} (its
     * {@link #VALUES} columns) as branches of the global row {@code g}; the statement
     * goes on with the {@code FROM} that joins both.
     */
    static final String INSERT_FROM_VALUES = "INSERT INTO " + TABLE.name() + " (" + GID.name() + ", "
            + Table.names(VALUES) + ") SELECT g." + GID.name() + ", " + Table.names(VALUES, "v.");

    /** What identifies a branch within its global. */
    static final List<Column<TransBranch, ?>> KEY = List.of(BRANCH_ID, OP);

    /** What writing a branch's result changes. */
    static final List<Column<TransBranch, ?>> RESULT = List.of(STATUS, FINISH_TIME, UPDATE_TIME);

    /** A branch result as statements bind it: its key, then its result. */
    static final List<Column<TransBranch, ?>> KEYED_RESULT = Stream.concat(KEY.stream(), RESULT.stream()).toList();

    static RowMapper<TransBranch> mapper(JdbcDialect dialect) {
        return TABLE.mapper(TransBranch::new, dialect);
    }

    private BranchTable() {
    }

}
