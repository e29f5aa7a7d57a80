package io.dtm.samples.events;

import io.dtm.spring.amqp.DtmEvents;
import io.dtm.spring.annotation.DtmMsg;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Places orders: the order row and the {@link OrderPlaced} event commit together, as a
 * 2-phase message whose local transaction inserts the order and whose one step publishes
 * the event.
 */
@Service
public class Orders {

    /** The exchange unless {@code sample.exchange} names another. */
    public static final String EXCHANGE = "dtm-sample.orders";

    public static final String ROUTING_KEY = "order.placed";

    private final JdbcTemplate jdbc;

    private final DtmEvents events;

    private final String exchange;

    public Orders(JdbcTemplate jdbc, DtmEvents events, @Value("${sample.exchange:" + EXCHANGE + "}") String exchange) {
        this.jdbc = jdbc;
        this.events = events;
        this.exchange = exchange;
    }

    public String exchange() {
        return this.exchange;
    }

    /**
     * Inserts the order and publishes its event after the commit; a quantity below 1
     * rolls the order back, and nothing is published.
     */
    @DtmMsg(gid = "'order-' + #orderId")
    public void place(String orderId, String item, int quantity) {
        this.jdbc.update("INSERT INTO orders (order_id, item, quantity) VALUES (?, ?, ?)", orderId, item, quantity);
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be at least 1");
        }
        this.events.publish(this.exchange, ROUTING_KEY, new OrderPlaced(orderId, item, quantity));
    }

}
