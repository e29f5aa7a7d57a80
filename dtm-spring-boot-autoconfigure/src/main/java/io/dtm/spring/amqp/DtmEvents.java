package io.dtm.spring.amqp;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import io.dtm.spring.annotation.support.StepRecording;
import io.dtm.spring.client.DtmClient;
import io.dtm.spring.client.Msg;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * Adds an event to a 2-phase message: a step whose branch publishes the event to RabbitMQ
 * once the message's local transaction has committed, and retries until the broker
 * confirmed it. The event is never published for a message whose local transaction rolled
 * back, and always for one that committed, whatever crashes in between.
 *
 * <pre class="code">
 * events.publish(dtm.msg(), "orders", "order.placed", new OrderPlaced(id))
 *     .doAndSubmitDb(queryPrepared, dataSource, (jdbc) -&gt; insertOrder(jdbc, id));
 * </pre>
 *
 * or, inside a {@code @DtmMsg} method,
 * {@code events.publish("orders", "order.placed", event)}.
 */
public class DtmEvents {

    private final DtmClient client;

    private final Supplier<String> endpoint;

    private final DtmEventPublisher publisher;

    private final DtmEventsProperties properties;

    /**
     * @param endpoint the URL of this service's publish endpoint
     * ({@link DtmEventsController#PUBLISH} under the callback URL)
     */
    public DtmEvents(DtmClient client, Supplier<String> endpoint, DtmEventPublisher publisher,
            DtmEventsProperties properties) {
        this.client = client;
        this.endpoint = endpoint;
        this.publisher = publisher;
        this.properties = properties;
    }

    /**
     * Adds a step to {@code msg} that publishes {@code payload} (as JSON) to
     * {@code exchange} with {@code routingKey}.
     * @return {@code msg}
     * @throws InvalidEventException if the exchange or routing key is invalid or not
     * allowed, or the payload is over {@code dtm.events.max-payload-size}
     * @throws IllegalStateException if the RabbitMQ connection has no publisher confirms
     */
    public Msg publish(Msg msg, String exchange, String routingKey, Object payload) {
        String url = step(exchange, routingKey, payload);
        return msg.add(url, payload);
    }

    /**
     * Adds the event to the message of the enclosing {@code @DtmMsg} method.
     * @throws IllegalStateException outside a {@code @DtmMsg} method
     * @see #publish(Msg, String, String, Object)
     */
    public void publish(String exchange, String routingKey, Object payload) {
        StepRecording recording = StepRecording.current();
        if (recording == null || !(recording.transaction() instanceof Msg)) {
            throw new IllegalStateException("DtmEvents.publish(exchange, routingKey, payload) is only available inside "
                    + "a @DtmMsg method; pass the Msg otherwise");
        }
        String url = step(exchange, routingKey, payload);
        recording.record("DtmEvents.publish to exchange '" + exchange + "'",
                (transaction) -> ((Msg) transaction).add(url, payload));
    }

    /** The action URL of an event step, after checking the event. */
    private String step(String exchange, String routingKey, Object payload) {
        EventRoute route = new EventRoute(exchange, routingKey);
        route.checkAllowed(this.properties.getAllowedExchanges());
        byte[] body = this.client.toJson(payload).getBytes(StandardCharsets.UTF_8);
        EventRoute.checkPayloadSize(body.length, this.properties.getMaxPayloadSize().toBytes());
        this.publisher.requireConfirms();
        return UriComponentsBuilder.fromUriString(this.endpoint.get())
            .queryParam("exchange", "{exchange}")
            .queryParam("routing_key", "{routingKey}")
            .encode()
            .buildAndExpand(route.exchange(), route.routingKey())
            .toUriString();
    }

}
