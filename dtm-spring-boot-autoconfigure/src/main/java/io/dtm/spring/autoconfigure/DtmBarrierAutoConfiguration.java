package io.dtm.spring.autoconfigure;

import javax.sql.DataSource;

import io.dtm.spring.barrier.BarrierSchemaInitializer;
import io.dtm.spring.barrier.H2BarrierDialect;
import io.dtm.spring.barrier.JdbcBarrier;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The JDBC branch barrier on the application's DataSource, and the barrier table's creation at startup.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass({ JdbcTemplate.class, DataSource.class })
@ConditionalOnSingleCandidate(DataSource.class)
@ConditionalOnBooleanProperty(name = "dtm.enabled", matchIfMissing = true)
@EnableConfigurationProperties(DtmProperties.class)
public class DtmBarrierAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	public JdbcBarrier dtmJdbcBarrier(DtmProperties properties, DataSource dataSource) {
		try {
			return new JdbcBarrier(properties.getBarrier().getTable(), dataSource);
		}
		catch (IllegalArgumentException ex) {
			throw new DtmConfigurationException(ex.getMessage() + ".",
					"Set dtm.barrier.table to a table name, optionally with its schema, e.g. dtm_barrier.barrier.", ex);
		}
	}

	@Bean
	@ConditionalOnMissingBean
	public BarrierSchemaInitializer dtmBarrierSchemaInitializer(JdbcBarrier barrier, DataSource dataSource) {
		return new BarrierSchemaInitializer(barrier, dataSource);
	}

	@Bean
	@ConditionalOnMissingBean(name = "dtmBarrierSchemaInitialization")
	public InitializingBean dtmBarrierSchemaInitialization(DtmProperties properties, JdbcBarrier barrier,
			DataSource dataSource, BarrierSchemaInitializer initializer) {
		return () -> {
			try {
				// embedded: an H2 database, in memory or on a file, as for the coordinator's own store
				switch (properties.getBarrier().getInitializeSchema()) {
					case ALWAYS -> initializer.initialize();
					case EMBEDDED -> {
						if (barrier.dialect(dataSource) instanceof H2BarrierDialect) {
							initializer.initialize();
						}
					}
					case NEVER -> {
					}
				}
			}
			catch (IllegalStateException ex) {
				throw new DtmConfigurationException(ex.getMessage() + ".", "Use the barrier on one of those databases, "
						+ "or set dtm.enabled=false.", ex);
			}
			if (properties.getBarrier().isValidateTable()) {
				try {
					initializer.validate();
				}
				catch (IllegalStateException ex) {
					throw new DtmConfigurationException(ex.getMessage() + ".", "Create the table before the application "
							+ "starts, or let it be created at startup.", ex);
				}
			}
		};
	}

}
