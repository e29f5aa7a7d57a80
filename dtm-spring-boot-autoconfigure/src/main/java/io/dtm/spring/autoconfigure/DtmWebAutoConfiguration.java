package io.dtm.spring.autoconfigure;

import io.dtm.spring.barrier.JdbcBarrier;
import io.dtm.spring.barrier.RedisBarrier;
import io.dtm.spring.client.Workflows;
import io.dtm.spring.client.XaParticipant;
import io.dtm.spring.web.DtmCallbackController;
import io.dtm.spring.web.DtmExceptionHandler;
import io.dtm.spring.web.DtmHandlerExceptionResolver;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Spring MVC side: participant replies in dtm's format and the callback endpoints the coordinator calls.
 */
@AutoConfiguration(after = { DtmClientAutoConfiguration.class, DtmRedisBarrierAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
public class DtmWebAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	public DtmExceptionHandler dtmExceptionHandler() {
		return new DtmExceptionHandler();
	}

	@Bean
	@ConditionalOnMissingBean
	public DtmHandlerExceptionResolver dtmHandlerExceptionResolver() {
		return new DtmHandlerExceptionResolver();
	}

	@Bean
	@ConditionalOnMissingBean
	public DtmCallbackController dtmCallbackController(ObjectProvider<Workflows> workflows,
			ObjectProvider<XaParticipant> xaParticipant, ObjectProvider<JdbcBarrier> barrier,
			ObjectProvider<RedisBarrier> redisBarrier) {
		return new DtmCallbackController(workflows, xaParticipant, barrier, redisBarrier);
	}

}
