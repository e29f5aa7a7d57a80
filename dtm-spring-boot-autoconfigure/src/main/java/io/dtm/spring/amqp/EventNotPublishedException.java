package io.dtm.spring.amqp;

/**
 * The broker did not confirm an event: it was refused (nack), returned as unroutable, not
 * confirmed in time, or the broker could not be reached. The publish endpoint answers the
 * coordinator with an error, and the coordinator calls it again later.
 */
public class EventNotPublishedException extends RuntimeException {

    public EventNotPublishedException(String message) {
        super(message);
    }

    public EventNotPublishedException(String message, Throwable cause) {
        super(message, cause);
    }

}
