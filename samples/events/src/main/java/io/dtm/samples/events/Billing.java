package io.dtm.samples.events;

import java.util.concurrent.atomic.AtomicLong;

import io.dtm.spring.amqp.DtmEventGuard;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/**
 * Bills each order once from its {@link OrderPlaced} event: a redelivery (the broker
 * restarted before the ack) or a second copy (a publish the broker confirmed too late) is
 * dropped by the guard.
 */
@Component
public class Billing {

    private final DtmEventGuard guard;

    private final JsonMapper json = JsonMapper.builder().build();

    private final AtomicLong deliveries = new AtomicLong();

    private final AtomicLong duplicates = new AtomicLong();

    public Billing(DtmEventGuard guard) {
        this.guard = guard;
    }

    @RabbitListener(queues = "${sample.queue:dtm-sample.billing}")
    void on(Message message) {
        this.deliveries.incrementAndGet();
        OrderPlaced order = this.json.readValue(message.getBody(), OrderPlaced.class);
        boolean billed = this.guard.consume(message, (jdbc) -> jdbc
            .update("INSERT INTO billing (order_id, amount) VALUES (?, ?)", order.orderId(), order.quantity() * 10));
        if (!billed) {
            this.duplicates.incrementAndGet();
        }
    }

    /** Events received, duplicates included. */
    public long deliveries() {
        return this.deliveries.get();
    }

    /** Events the guard dropped as already handled. */
    public long duplicates() {
        return this.duplicates.get();
    }

}
