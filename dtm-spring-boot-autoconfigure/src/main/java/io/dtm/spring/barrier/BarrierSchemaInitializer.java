package io.dtm.spring.barrier;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import javax.sql.DataSource;

import org.springframework.core.io.ClassPathResource;
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
