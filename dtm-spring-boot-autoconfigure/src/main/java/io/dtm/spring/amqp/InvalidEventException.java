package io.dtm.spring.amqp;

/**
 * An event that cannot be published as asked: a bad exchange or routing key, or a body
 * over {@code dtm.events.max-payload-size}. Thrown before anything is sent.
 */
public class InvalidEventException extends IllegalArgumentException {

    private final int status;

    public InvalidEventException(String message) {
        this(message, 400);
    }

    InvalidEventException(String message, int status) {
        super(message);
        this.status = status;
    }

    /** The HTTP status the publish endpoint answers with. */
    public int status() {
        return this.status;
    }

}
