package io.dtm.spring.barrier;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Creates the barrier table (and its schema) from the DDL shipped for the database, and
 * checks that it exists.
 */
public class BarrierSchemaInitializer {

    private final JdbcBarrier barrier;

    private final DataSource dataSource;

    public BarrierSchemaInitializer(JdbcBarrier barrier, DataSource dataSource) {
        this.barrier = barrier;
        this.dataSource = dataSource;
    }

    public void initialize() {
        BarrierDialect dialect = this.barrier.dialect(this.dataSource);
        JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
        String table = this.barrier.table();
        int dot = table.indexOf('.');
        if (dot > 0) {
            jdbc.execute(dialect.createSchemaSql(table.substring(0, dot)));
        }
        jdbc.execute(dialect.createTableSql(table));
    }

    /**
     * Fails with {@link BarrierTableMissingException} if the barrier table is missing. A
     * database that cannot be reached fails with Spring's
     * {@link CannotGetJdbcConnectionException}.
     */
    public void validate() {
        validate(this.barrier, this.dataSource);
    }

    /**
     * Checks on a connection of its own, outside any transaction of the caller (which a
     * failed statement may have spoilt).
     */
    static void validate(JdbcBarrier barrier, DataSource dataSource) {
        BarrierDialect dialect = barrier.dialect(dataSource);
        Connection connection;
        try {
            connection = dataSource.getConnection();
        }
        catch (SQLException ex) {
            throw new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", ex);
        }
        try {
            new JdbcTemplate(new SingleConnectionDataSource(connection, true))
                .queryForObject("SELECT COUNT(*) FROM " + barrier.table() + " WHERE 1 = 0", Integer.class);
        }
        catch (BadSqlGrammarException ex) {
            throw new BarrierTableMissingException(barrier.table(), dialect.displayName(),
                    dialect.createTableScript(barrier.table()), ex);
        }
        finally {
            try {
                connection.close();
            }
            catch (SQLException ex) {
                // the check is done; a pool reports its own trouble
            }
        }
    }

}
