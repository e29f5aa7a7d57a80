package io.dtm.spring.amqp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Event publishing from 2-phase messages to RabbitMQ ({@link DtmEvents}) and the consumer
 * guard ({@link DtmEventGuard}).
 */
@ConfigurationProperties("dtm.events")
public class DtmEventsProperties {

    /**
     * Whether to offer DtmEvents, the publish endpoint and DtmEventGuard when Spring AMQP
     * and a RabbitMQ connection are there.
     */
    private boolean enabled = true;

    /**
     * Largest event body the publish endpoint accepts, and that {@link DtmEvents#publish}
     * lets into a message.
     */
    private DataSize maxPayloadSize = DataSize.ofKilobytes(64);

    /**
     * How long the publish endpoint waits for the broker's publisher confirm before it
     * answers the coordinator with an error (it then retries). Keep it below the
     * coordinator's request timeout (3s unless set).
     */
    private Duration confirmTimeout = Duration.ofSeconds(2);

    /**
     * Whether an event no queue is bound for counts as not published (the coordinator
     * retries until a queue is bound) rather than as published and dropped by the broker.
     */
    private boolean mandatory = true;

    /** Exchanges the publish endpoint may publish to; empty for any. */
    private List<String> allowedExchanges = new ArrayList<>();

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public DataSize getMaxPayloadSize() {
        return this.maxPayloadSize;
    }

    public void setMaxPayloadSize(DataSize maxPayloadSize) {
        this.maxPayloadSize = maxPayloadSize;
    }

    public Duration getConfirmTimeout() {
        return this.confirmTimeout;
    }

    public void setConfirmTimeout(Duration confirmTimeout) {
        this.confirmTimeout = confirmTimeout;
    }

    public boolean isMandatory() {
        return this.mandatory;
    }

    public void setMandatory(boolean mandatory) {
        this.mandatory = mandatory;
    }

    public List<String> getAllowedExchanges() {
        return this.allowedExchanges;
    }

    public void setAllowedExchanges(List<String> allowedExchanges) {
        this.allowedExchanges = allowedExchanges;
    }

}
