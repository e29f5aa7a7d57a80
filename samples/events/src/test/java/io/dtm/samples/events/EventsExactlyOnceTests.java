package io.dtm.samples.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.dtm.protocol.DtmFailureException;
import io.dtm.spring.amqp.DtmEvents;
import io.dtm.spring.barrier.BranchBarrier;
import io.dtm.spring.barrier.JdbcBarrier;
import io.dtm.spring.client.DtmClient;
import io.dtm.spring.client.Msg;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The order and its event are never one without the other, with RabbitMQ on
 * 127.0.0.1:5672: a service stopped between its commit and the publish publishes once it
 * is back; a rolled-back order publishes nothing; a broker restart in the middle of a run
 * loses no committed order's event and bills none twice.
 */
class EventsExactlyOnceTests {

    private static final Duration SETTLE = Duration.ofSeconds(90);

    private final EventsWorld world = EventsWorld.get();

    @Test
    void anOrderCommittedBeforeTheServiceStoppedIsPublishedOnceAfterItsRestart() {
        String orderId = "stopped-" + UUID.randomUUID();
        String gid = "order-" + orderId;
        DtmClient dtm = this.world.orders().getBean(DtmClient.class);
        DtmEvents events = this.world.orders().getBean(DtmEvents.class);
        JdbcBarrier barrier = this.world.orders().getBean(JdbcBarrier.class);
        DataSource dataSource = this.world.orders().getBean(DataSource.class);
        // what @DtmMsg does up to the commit, then the service stops before the submit
        Msg msg = events.publish(dtm.msg(gid), this.world.exchange, Orders.ROUTING_KEY,
                new OrderPlaced(orderId, "book", 2));
        msg.prepare(this.world.ordersUrl + "/dtm/msg/query-prepared");
        barrier.call(BranchBarrier.msg(gid), dataSource,
                (jdbc) -> jdbc.update("INSERT INTO orders (order_id, item, quantity) VALUES (?, 'book', 2)", orderId));
        this.world.stopOrders();
        assertThat(this.world.ordered(orderId)).isEqualTo(1);
        assertThat(this.world.status(gid)).isEqualTo("prepared");
        assertThat(this.world.billed(orderId)).isZero();

        this.world.startOrders();
        await().atMost(SETTLE).until(() -> this.world.status(gid), "succeed"::equals);
        await().atMost(SETTLE).until(() -> this.world.billed(orderId) == 1);
        assertThat(this.world.billed(orderId)).isEqualTo(1);
    }

    @Test
    void aRolledBackOrderPublishesNothing() {
        String rolledBack = "rolled-back-" + UUID.randomUUID();
        assertThatExceptionOfType(IllegalArgumentException.class)
            .isThrownBy(() -> this.world.ordersService().place(rolledBack, "book", 0));
        // prepared first, then the local work fails: the message is aborted
        String prepared = "prepared-rolled-back-" + UUID.randomUUID();
        DtmClient dtm = this.world.orders().getBean(DtmClient.class);
        DtmEvents events = this.world.orders().getBean(DtmEvents.class);
        Msg msg = events.publish(dtm.msg("order-" + prepared), this.world.exchange, Orders.ROUTING_KEY,
                new OrderPlaced(prepared, "book", 1));
        assertThatExceptionOfType(DtmFailureException.class)
            .isThrownBy(() -> msg.doAndSubmitDb(this.world.ordersUrl + "/dtm/msg/query-prepared",
                    this.world.orders().getBean(DataSource.class), (jdbc) -> {
                        jdbc.update("INSERT INTO orders (order_id, item, quantity) VALUES (?, 'book', 1)", prepared);
                        throw new DtmFailureException("out of stock");
                    }));
        assertThat(this.world.status("order-" + prepared)).isEqualTo("failed");
        // an order placed after them is billed; the queue is FIFO, so an event of the
        // rolled-back ones would have arrived first
        String marker = "marker-" + UUID.randomUUID();
        this.world.ordersService().place(marker, "pen", 1);
        await().atMost(SETTLE).until(() -> this.world.billed(marker) == 1);
        assertThat(this.world.ordered(rolledBack)).isZero();
        assertThat(this.world.ordered(prepared)).isZero();
        assertThat(this.world.billed(rolledBack)).isZero();
        assertThat(this.world.billed(prepared)).isZero();
    }

    @Test
    void aBrokerRestartInTheMiddleOfARunLosesNoEventAndBillsNoneTwice() throws Exception {
        int orders = Integer.getInteger("events.orders", 60);
        String prefix = "restart-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        ExecutorService buyers = Executors.newFixedThreadPool(4);
        AtomicInteger placed = new AtomicInteger();
        List<Future<?>> calls = new ArrayList<>();
        long start = System.nanoTime();
        long deliveriesBefore = this.world.billing().deliveries();
        long duplicatesBefore = this.world.billing().duplicates();
        try {
            for (int i = 0; i < orders; i++) {
                String orderId = prefix + i;
                calls.add(buyers.submit(() -> {
                    this.world.ordersService().place(orderId, "book", 1);
                    placed.incrementAndGet();
                }));
            }
            await().atMost(SETTLE).until(() -> placed.get() >= orders / 3);
            Broker.restart(this.world.orders());
            for (Future<?> call : calls) {
                call.get(SETTLE.toSeconds(), TimeUnit.SECONDS);
            }
        }
        finally {
            buyers.shutdownNow();
        }
        for (int i = 0; i < orders; i++) {
            String gid = "order-" + prefix + i;
            await().atMost(SETTLE).until(() -> this.world.status(gid), "succeed"::equals);
        }
        await().atMost(SETTLE)
            .until(() -> this.world.db.queryForObject(
                    "SELECT COUNT(DISTINCT order_id) FROM billing WHERE order_id LIKE ?", Integer.class,
                    prefix + "%") == orders);
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        Integer orderRows = this.world.db.queryForObject("SELECT COUNT(*) FROM orders WHERE order_id LIKE ?",
                Integer.class, prefix + "%");
        Integer billingRows = this.world.db.queryForObject("SELECT COUNT(*) FROM billing WHERE order_id LIKE ?",
                Integer.class, prefix + "%");
        System.out.printf("broker restart: %d orders, %d billed, %d deliveries, %d duplicates dropped, %d s%n",
                orderRows, billingRows, this.world.billing().deliveries() - deliveriesBefore,
                this.world.billing().duplicates() - duplicatesBefore, seconds);
        assertThat(orderRows).isEqualTo(orders);
        assertThat(billingRows).isEqualTo(orders);
    }

}
