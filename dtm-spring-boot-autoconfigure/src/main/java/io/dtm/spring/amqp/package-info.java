/**
 * Events from 2-phase messages to RabbitMQ: {@link io.dtm.spring.amqp.DtmEvents} adds a
 * publishing branch to a message, and {@link io.dtm.spring.amqp.DtmEventGuard} drops
 * redeliveries on the consumer side through the barrier.
 */
@NullMarked
package io.dtm.spring.amqp;

import org.jspecify.annotations.NullMarked;
