package io.dtm.spring.barrier;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import javax.sql.DataSource;

import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.StreamUtils;

/**
 * Creates the barrier table (and its schema) from the DDL shipped for the database.
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
		jdbc.execute(ddl(dialect, table));
	}

	/**
	 * Fails if the barrier table is missing, with a message that says how to create it. An unreachable database
	 * is not reported here: the application may start before its database.
	 */
	public void validate() {
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		try {
			jdbc.queryForObject("SELECT COUNT(*) FROM " + this.barrier.table() + " WHERE 1 = 0", Integer.class);
		}
		catch (BadSqlGrammarException ex) {
			String resource = this.barrier.dialect(this.dataSource).ddlResource();
			throw new IllegalStateException("The dtm barrier table " + this.barrier.table()
					+ " does not exist: create it with classpath:" + resource
					+ " or set dtm.barrier.initialize-schema=always", ex);
		}
		catch (DataAccessResourceFailureException ex) {
			// the database is not reachable yet
		}
	}

	static String ddl(BarrierDialect dialect, String table) {
		try (InputStream input = new ClassPathResource(dialect.ddlResource()).getInputStream()) {
			String ddl = StreamUtils.copyToString(input, StandardCharsets.UTF_8).trim();
			if (ddl.endsWith(";")) {
				ddl = ddl.substring(0, ddl.length() - 1);
			}
			return ddl.replace("${table}", table).replace("${name}", table.substring(table.indexOf('.') + 1));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read " + dialect.ddlResource(), ex);
		}
	}

}
