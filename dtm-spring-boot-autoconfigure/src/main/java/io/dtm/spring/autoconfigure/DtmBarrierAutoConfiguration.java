package io.dtm.spring.autoconfigure;

import javax.sql.DataSource;

import io.dtm.spring.barrier.BarrierSchemaInitializer;
import io.dtm.spring.barrier.H2BarrierDialect;
import io.dtm.spring.barrier.JdbcBarrier;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
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
@EnableConfigurationProperties(DtmProperties.class)
public class DtmBarrierAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	public JdbcBarrier dtmJdbcBarrier(DtmProperties properties, DataSource dataSource) {
		return new JdbcBarrier(properties.getBarrier().getTable(), dataSource);
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
			if (properties.getBarrier().isValidateTable()) {
				initializer.validate();
			}
		};
	}

}
