package io.dtm.spring.amqp;

import java.util.List;

import io.dtm.spring.autoconfigure.DtmBarrierAutoConfiguration;
import io.dtm.spring.autoconfigure.DtmClientAutoConfiguration;
import io.dtm.spring.autoconfigure.DtmUrls;
import io.dtm.spring.autoconfigure.DtmWebAutoConfiguration;
import io.dtm.spring.barrier.JdbcBarrier;
import io.dtm.spring.client.DtmClient;
import io.dtm.spring.security.CallbackSignatures;
import io.dtm.spring.security.SignedCallbackGuard;

import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Events from 2-phase messages to RabbitMQ with Spring AMQP: {@link DtmEvents} to add an
 * event to a message, the endpoint that publishes it with a publisher confirm, and
 * {@link DtmEventGuard} for consumers. Active when Spring AMQP and a RabbitMQ
 * {@link ConnectionFactory} are there.
 */
@AutoConfiguration(
        after = { DtmClientAutoConfiguration.class, DtmBarrierAutoConfiguration.class, DtmWebAutoConfiguration.class },
        afterName = "org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration")
@ConditionalOnClass(RabbitTemplate.class)
@ConditionalOnBooleanProperty(name = { "dtm.enabled", "dtm.events.enabled" }, matchIfMissing = true)
@EnableConfigurationProperties(DtmEventsProperties.class)
public final class DtmAmqpAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(ConnectionFactory.class)
    public DtmEventPublisher dtmEventPublisher(ConnectionFactory connectionFactory, DtmEventsProperties properties) {
        return new DtmEventPublisher(connectionFactory, properties);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean({ ConnectionFactory.class, DtmClient.class, DtmUrls.class })
    public DtmEvents dtmEvents(DtmClient client, DtmUrls urls, DtmEventPublisher publisher,
            DtmEventsProperties properties) {
        return new DtmEvents(client, () -> urls.callback(DtmEventsController.PUBLISH), publisher, properties);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(JdbcBarrier.class)
    public DtmEventGuard dtmEventGuard(JdbcBarrier barrier) {
        return new DtmEventGuard(barrier);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(DispatcherServlet.class)
    static class EventsEndpointConfiguration {

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnBean(ConnectionFactory.class)
        DtmEventsController dtmEventsController(DtmEventPublisher publisher, DtmEventsProperties properties,
                ObjectProvider<SignedCallbackGuard> guard) {
            return new DtmEventsController(publisher, properties,
                    guard.getIfAvailable(() -> new SignedCallbackGuard(CallbackSignatures.of(List.of()), false)));
        }

    }

}
