package io.dtm.samples.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import io.dtm.spring.amqp.DtmEventGuard;
import io.dtm.spring.amqp.DtmEvents;
import io.dtm.spring.amqp.InvalidEventException;
import io.dtm.spring.client.DtmClient;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The publish endpoint and the consumer guard against what the coordinator or the broker
 * may hand them: a second copy of an event, events that cannot be published, messages
 * that are not dtm events.
 */
class EventsEndpointTests {

    private final EventsWorld world = EventsWorld.get();

    private final RestClient rest = RestClient.create();

    @Test
    void aSecondCopyOfAnEventIsBilledOnce() {
        String orderId = "copy-" + UUID.randomUUID();
        String body = "{\"orderId\":\"" + orderId + "\",\"item\":\"book\",\"quantity\":1}";
        long duplicates = this.world.billing().duplicates();
        // the coordinator calls again when a confirm came too late: the broker has both
        Reply first = publish(this.world.exchange, Orders.ROUTING_KEY, "order-" + orderId, body);
        Reply second = publish(this.world.exchange, Orders.ROUTING_KEY, "order-" + orderId, body);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body()).contains("SUCCESS");
        assertThat(second.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> this.world.billing().duplicates() == duplicates + 1);
        assertThat(this.world.billed(orderId)).isEqualTo(1);
    }

    @Test
    void anEventNoQueueIsBoundForIsNotASuccess() {
        Reply reply = publish("amq.direct", "nobody-listens-" + UUID.randomUUID(), "order-unroutable", "{}");
        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.body()).contains("no queue is bound").doesNotContain("SUCCESS");
    }

    @Test
    void invalidRequestsAreRefusedNamingTheField() {
        Reply exchange = publish("bad exchange!", "k", "order-x", "{}");
        assertThat(exchange.status()).isEqualTo(400);
        assertThat(exchange.body()).contains("exchange must be");
        Reply noGid = this.rest.post()
            .uri(this.world.ordersUrl + "/dtm/events/publish?exchange=x&routing_key=k")
            .contentType(MediaType.APPLICATION_JSON)
            .body("{}")
            .exchange((request, response) -> new Reply(response.getStatusCode().value(),
                    new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8)));
        assertThat(noGid.status()).isEqualTo(400);
        assertThat(noGid.body()).contains("gid and branch_id are required");
        Reply tooLarge = publish(this.world.exchange, Orders.ROUTING_KEY, "order-large",
                "\"" + "x".repeat(64 * 1024) + "\"");
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.body()).contains("dtm.events.max-payload-size").doesNotContain("Exception");
    }

    @Test
    void anEventThatCouldNeverBePublishedIsRefusedBeforeTheMessageIsPrepared() {
        DtmEvents events = this.world.orders().getBean(DtmEvents.class);
        DtmClient dtm = this.world.orders().getBean(DtmClient.class);
        assertThatExceptionOfType(InvalidEventException.class)
            .isThrownBy(() -> events.publish(dtm.msg("order-big"), this.world.exchange, Orders.ROUTING_KEY,
                    "x".repeat(64 * 1024)))
            .withMessageContaining("dtm.events.max-payload-size");
        assertThatExceptionOfType(InvalidEventException.class)
            .isThrownBy(() -> events.publish(dtm.msg("order-key"), this.world.exchange, "a\nb", "{}"))
            .withMessageContaining("routing_key");
        assertThatExceptionOfType(IllegalStateException.class)
            .isThrownBy(() -> events.publish(this.world.exchange, Orders.ROUTING_KEY, "{}"))
            .withMessageContaining("@DtmMsg");
    }

    @Test
    void aMessageThatIsNotADtmEventIsRejectedWithoutRunningTheBusiness() {
        DtmEventGuard guard = this.world.orders().getBean(DtmEventGuard.class);
        boolean[] ran = new boolean[1];
        assertThatExceptionOfType(AmqpRejectAndDontRequeueException.class)
            .isThrownBy(() -> guard.consume(new Message(new byte[0], new MessageProperties()), "billing",
                    (jdbc) -> ran[0] = true))
            .withMessageContaining("dtm-gid");
        assertThat(ran[0]).isFalse();
    }

    private Reply publish(String exchange, String routingKey, String gid, String body) {
        return this.rest.post()
            .uri(this.world.ordersUrl
                    + "/dtm/events/publish?exchange={e}&routing_key={k}&gid={g}&trans_type=msg&branch_id=01&op=action",
                    exchange, routingKey, gid)
            .contentType(MediaType.APPLICATION_JSON)
            .body(body)
            .exchange((request, response) -> new Reply(response.getStatusCode().value(),
                    new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8)));
    }

    record Reply(int status, String body) {
    }

}
