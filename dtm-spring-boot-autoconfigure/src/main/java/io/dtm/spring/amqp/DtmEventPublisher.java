package io.dtm.spring.amqp;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.ReturnedMessage;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Publishes one event of a 2-phase message and returns only once the broker confirmed it
 * (a publisher confirm, and with {@code dtm.events.mandatory} no return as unroutable).
 * The event carries the message's identity: message id {@code <gid>;<branch id>} (a gid
 * never holds {@code ;}) and the headers {@value #GID_HEADER}, {@value #BRANCH_ID_HEADER}
 * and {@value #TRANS_TYPE_HEADER}, which {@link DtmEventGuard} keys its barrier on.
 */
public class DtmEventPublisher {

    public static final String GID_HEADER = "dtm-gid";

    public static final String BRANCH_ID_HEADER = "dtm-branch-id";

    public static final String TRANS_TYPE_HEADER = "dtm-trans-type";

    static final String CONFIRMS_NEEDED = "dtm events need publisher confirms on the RabbitMQ connection: set "
            + "spring.rabbitmq.publisher-confirm-type=correlated and spring.rabbitmq.publisher-returns=true "
            + "(or dtm.events.mandatory=false to accept unroutable events without returns)";

    private final ConnectionFactory connectionFactory;

    private final RabbitTemplate template;

    private final DtmEventsProperties properties;

    public DtmEventPublisher(ConnectionFactory connectionFactory, DtmEventsProperties properties) {
        this.connectionFactory = connectionFactory;
        this.properties = properties;
        // a template of its own: the application's may have another converter, no
        // mandatory flag, or a confirm callback that would take the confirms
        this.template = new RabbitTemplate(connectionFactory);
        this.template.setMandatory(properties.isMandatory());
    }

    /**
     * Whether the connection is set up for confirmed publishing.
     */
    public boolean confirmsEnabled() {
        return this.connectionFactory.isPublisherConfirms()
                && (!this.properties.isMandatory() || this.connectionFactory.isPublisherReturns());
    }

    /**
     * @throws IllegalStateException if the connection has no publisher confirms (see
     * {@link #confirmsEnabled()})
     */
    public void requireConfirms() {
        if (!confirmsEnabled()) {
            throw new IllegalStateException(CONFIRMS_NEEDED);
        }
    }

    /**
     * Publishes {@code body} (JSON) to {@code route} as the event of branch
     * {@code branchId} of message {@code gid}, and waits for the broker's confirm.
     * @throws EventNotPublishedException if the broker did not confirm it: it may or may
     * not have been delivered, so a consumer must guard against a second copy
     */
    public void publish(EventRoute route, byte[] body, String gid, String branchId) {
        requireConfirms();
        String messageId = gid + ";" + branchId;
        Message message = MessageBuilder.withBody(body)
            .setContentType(MessageProperties.CONTENT_TYPE_JSON)
            .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
            .setMessageId(messageId)
            .setHeader(GID_HEADER, gid)
            .setHeader(BRANCH_ID_HEADER, branchId)
            .setHeader(TRANS_TYPE_HEADER, "msg")
            .build();
        CorrelationData correlation = new CorrelationData(messageId);
        try {
            this.template.send(route.exchange(), route.routingKey(), message, correlation);
        }
        catch (AmqpException ex) {
            throw new EventNotPublishedException("the broker could not be reached: " + ex.getMessage(), ex);
        }
        CorrelationData.Confirm confirm;
        try {
            confirm = correlation.getFuture()
                .get(this.properties.getConfirmTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (TimeoutException ex) {
            throw new EventNotPublishedException(
                    "the broker did not confirm the event within dtm.events.confirm-timeout ("
                            + this.properties.getConfirmTimeout() + ")");
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new EventNotPublishedException("interrupted while waiting for the broker's confirm");
        }
        catch (ExecutionException ex) {
            throw new EventNotPublishedException("the broker's confirm failed: " + ex.getCause().getMessage(), ex);
        }
        if (!confirm.ack()) {
            throw new EventNotPublishedException("the broker refused the event (nack): " + confirm.reason());
        }
        // set before the confirm completes the future, when the broker returned it
        ReturnedMessage returned = correlation.getReturned();
        if (returned != null) {
            throw new EventNotPublishedException("no queue is bound to exchange '" + route.exchange()
                    + "' for routing key '" + route.routingKey() + "' (" + returned.getReplyText()
                    + "); the event is published once one is, or set dtm.events.mandatory=false");
        }
    }

}
