package io.dtm.samples.events;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An order service that publishes an {@link OrderPlaced} event to RabbitMQ for every
 * order it commits, and bills each order once from that event.
 */
@SpringBootApplication
public class EventsApplication {

    public static void main(String[] args) {
        SpringApplication.run(EventsApplication.class, args);
    }

}
