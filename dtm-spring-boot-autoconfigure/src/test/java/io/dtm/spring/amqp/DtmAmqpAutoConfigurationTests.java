package io.dtm.spring.amqp;

import io.dtm.spring.autoconfigure.DtmBarrierAutoConfiguration;
import io.dtm.spring.autoconfigure.DtmClientAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DtmAmqpAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations
        .of(DtmClientAutoConfiguration.class, DtmBarrierAutoConfiguration.class, DtmAmqpAutoConfiguration.class));

    @Test
    void eventsOnTheApplicationsRabbitConnection() {
        this.runner.withUserConfiguration(Rabbit.class).run((context) -> {
            assertThat(context).hasNotFailed().hasSingleBean(DtmEvents.class).hasSingleBean(DtmEventPublisher.class);
            assertThat(context.getBean(DtmEventPublisher.class).confirmsEnabled()).isTrue();
        });
    }

    @Test
    void offWithoutARabbitConnection() {
        this.runner.run((context) -> assertThat(context).hasNotFailed()
            .doesNotHaveBean(DtmEvents.class)
            .doesNotHaveBean(DtmEventPublisher.class));
    }

    @Test
    void offWithoutSpringAmqp() {
        this.runner.withUserConfiguration(Rabbit.class)
            .withClassLoader(new FilteredClassLoader(RabbitTemplate.class))
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DtmEvents.class));
    }

    @Test
    void offWhenEventsOrDtmAreDisabled() {
        this.runner.withUserConfiguration(Rabbit.class)
            .withPropertyValues("dtm.events.enabled=false")
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DtmEvents.class));
        this.runner.withUserConfiguration(Rabbit.class)
            .withPropertyValues("dtm.enabled=false")
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DtmEvents.class));
    }

    @Test
    void aConnectionWithoutConfirmsIsRefusedAtTheFirstEventNamingTheProperties() {
        this.runner.withUserConfiguration(RabbitWithoutConfirms.class).run((context) -> {
            DtmEvents events = context.getBean(DtmEvents.class);
            io.dtm.spring.client.DtmClient dtm = context.getBean(io.dtm.spring.client.DtmClient.class);
            assertThatExceptionOfType(IllegalStateException.class)
                .isThrownBy(() -> events.publish(dtm.msg("gid-1"), "orders", "placed", "{}"))
                .withMessageContaining("spring.rabbitmq.publisher-confirm-type=correlated");
        });
    }

    @Test
    void theStepUrlIsThePublishEndpointWithTheRouteEncoded() {
        this.runner.withUserConfiguration(Rabbit.class)
            .withPropertyValues("dtm.callback-url=http://orders:8080")
            .run((context) -> {
                DtmEvents events = context.getBean(DtmEvents.class);
                io.dtm.spring.client.Msg msg = events.publish(
                        context.getBean(io.dtm.spring.client.DtmClient.class).msg("gid-2"), "shop.orders",
                        "order placed/#", java.util.Map.of("id", 1));
                assertThat(msg.request().getSteps()).singleElement()
                    .satisfies((step) -> assertThat(step.get("action")).isEqualTo(
                            "http://orders:8080/dtm/events/publish?exchange=shop.orders&routing_key=order%20placed%2F%23"));
            });
    }

    @Configuration(proxyBeanMethods = false)
    static class Rabbit {

        @Bean
        ConnectionFactory rabbitConnectionFactory() {
            CachingConnectionFactory factory = new CachingConnectionFactory("127.0.0.1");
            factory.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
            factory.setPublisherReturns(true);
            return factory;
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class RabbitWithoutConfirms {

        @Bean
        ConnectionFactory rabbitConnectionFactory() {
            return new CachingConnectionFactory("127.0.0.1");
        }

    }

}
