package io.dtm.coordinator.store.jdbc;

import java.util.List;

/** A statement with its parameters in order, and what running it gives. */
record SqlStatement(String sql, List<Object> args, Returns returns) {

    enum Returns {

        /** An update: its update count is the number of rows it wrote. */
        UPDATE_COUNT,
        /**
         * A query whose one value is the number of rows it wrote: {@code SELECT count(*)}
         * over writing CTEs.
         */
        WRITTEN_COUNT,
        /** Rows. */
        ROWS

    }

    static SqlStatement update(String sql, List<Object> args) {
        return new SqlStatement(sql, args, Returns.UPDATE_COUNT);
    }

    static SqlStatement countingQuery(String sql, List<Object> args) {
        return new SqlStatement(sql, args, Returns.WRITTEN_COUNT);
    }

    static SqlStatement query(String sql, List<Object> args) {
        return new SqlStatement(sql, args, Returns.ROWS);
    }

    Object[] argArray() {
        return args.toArray();
    }
}
