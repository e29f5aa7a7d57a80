package io.dtm.spring.autoconfigure;

import io.dtm.spring.barrier.JdbcBarrier;
import io.dtm.spring.client.DtmClient;
import io.dtm.spring.client.DtmHttp;
import io.dtm.spring.client.TransDefaults;
import io.dtm.spring.client.Workflows;
import io.dtm.spring.client.XaParticipant;
import io.dtm.spring.web.DtmCallbackController;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.client.RestClient;

/**
 * The coordinator client, the workflow registry and the XA participant. Nothing here contacts the coordinator
 * at startup.
 */
@AutoConfiguration(after = DtmBarrierAutoConfiguration.class)
@ConditionalOnClass(RestClient.class)
@EnableConfigurationProperties(DtmProperties.class)
public class DtmClientAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	public DtmUrls dtmUrls(DtmProperties properties, Environment environment) {
		return new DtmUrls(properties, environment);
	}

	@Bean
	@ConditionalOnMissingBean
	public DtmClient dtmClient(DtmProperties properties, DtmUrls urls, ObjectProvider<JdbcBarrier> barrier) {
		TransDefaults defaults = new TransDefaults(properties.getTimeoutToFail(), properties.getRetryInterval(),
				properties.getRequestTimeout());
		return new DtmClient(new DtmHttp(properties.getHttpTimeout()), DtmClient.defaultJsonMapper(), urls::server,
				defaults, barrier.getIfAvailable(), properties.getToken());
	}

	@Bean
	@ConditionalOnMissingBean
	public Workflows dtmWorkflows(DtmClient client, DtmUrls urls) {
		return new Workflows(client, () -> urls.callback(DtmCallbackController.WORKFLOW_RESUME));
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(JdbcBarrier.class)
	public XaParticipant dtmXaParticipant(DtmClient client, JdbcBarrier barrier, DtmUrls urls) {
		return new XaParticipant(client, barrier, () -> urls.callback(DtmCallbackController.XA_PHASE2));
	}

}
