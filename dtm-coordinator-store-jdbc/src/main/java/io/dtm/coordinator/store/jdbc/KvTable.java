package io.dtm.coordinator.store.jdbc;

import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.RowMapper;

import io.dtm.protocol.KvEntry;

/** dtm's {@code kv}: versioned values by category and key (the topics live there). */
final class KvTable {

    static final Column<KvEntry, Long> ID = Column.integer("id", KvEntry::id).notInserted();
    static final Column<KvEntry, String> CAT = Column.text("cat", KvEntry::cat);
    static final Column<KvEntry, String> K = Column.text("k", KvEntry::k);
    static final Column<KvEntry, String> V = Column.text("v", KvEntry::v);
    static final Column<KvEntry, Long> VERSION = Column.integer("version", KvEntry::version);
    static final Column<KvEntry, Instant> CREATE_TIME = Column.timestamp("create_time", KvEntry::createTime);
    static final Column<KvEntry, Instant> UPDATE_TIME = Column.timestamp("update_time", KvEntry::updateTime);

    static final Table<KvEntry> TABLE = new Table<>("kv", List.of(ID, CAT, K, V, VERSION, CREATE_TIME, UPDATE_TIME));

    static RowMapper<KvEntry> mapper(JdbcDialect dialect) {
        return (rs, n) -> new KvEntry(ID.read(rs, dialect), CAT.read(rs, dialect), K.read(rs, dialect),
                V.read(rs, dialect), VERSION.read(rs, dialect), CREATE_TIME.read(rs, dialect),
                UPDATE_TIME.read(rs, dialect));
    }

    private KvTable() {
    }

}
