package io.dtm.samples.events;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The exchange the events go to and the billing queue, durable. */
@Configuration(proxyBeanMethods = false)
class Topology {

    @Bean
    TopicExchange ordersExchange(@Value("${sample.exchange:" + Orders.EXCHANGE + "}") String name) {
        return new TopicExchange(name, true, false);
    }

    @Bean
    Queue billingQueue(@Value("${sample.queue:dtm-sample.billing}") String name) {
        return QueueBuilder.durable(name).build();
    }

    @Bean
    Binding billingBinding(Queue billingQueue, TopicExchange ordersExchange) {
        return BindingBuilder.bind(billingQueue).to(ordersExchange).with(Orders.ROUTING_KEY);
    }

}
