package io.dtm.coordinator.store.jdbc;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which failed statements the store runs again: only MariaDB's error 1467, which InnoDB
 * raises on a counting {@code INSERT ... SELECT ... FOR UPDATE} under many concurrent
 * appends and rolls back whole; never a duplicate key, a lock wait or another database's
 * error.
 */
class StatementRetryTests {

    @Test
    void mariaDbsAutoIncrementReadFailureIsRunAgain() {
        assertThat(JdbcDialect.MYSQL.isStatementToRetry(
                new SQLException("Failed to read auto-increment value " + "from storage engine", "HY000", 1467)))
            .isTrue();
    }

    @Test
    void otherFailuresAreNotRunAgain() {
        assertThat(JdbcDialect.MYSQL.isStatementToRetry(new SQLException("Duplicate entry", "23000", 1062))).isFalse();
        assertThat(JdbcDialect.MYSQL.isStatementToRetry(new SQLException("Lock wait timeout", "HY000", 1205)))
            .isFalse();
        assertThat(JdbcDialect.POSTGRES.isStatementToRetry(new SQLException("whatever", "HY000", 1467))).isFalse();
    }

}
