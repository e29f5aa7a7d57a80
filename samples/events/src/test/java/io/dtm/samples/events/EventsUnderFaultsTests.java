package io.dtm.samples.events;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.dtm.spring.amqp.DtmEventsController;
import io.dtm.test.DtmTest;
import io.dtm.test.DtmTestCoordinator;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.filter.OncePerRequestFilter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The order/event invariant under every fault dtm's test kit injects into the message's
 * branch calls (the publish answered with an error before or after it published,
 * delivered twice, the coordinator crashing after it): every committed order is billed
 * exactly once.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "spring.datasource.url=jdbc:h2:mem:events-kit;DB_CLOSE_DELAY=-1",
                "sample.queue=dtm-sample.billing-kit", "sample.exchange=dtm-sample.orders-kit" })
@DtmTest
class EventsUnderFaultsTests {

    @Autowired
    DtmTestCoordinator dtm;

    @Autowired
    Orders orders;

    @Autowired
    Billing billing;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PublishCounter published;

    private final AtomicInteger run = new AtomicInteger();

    private volatile String orderId;

    private volatile long deliveriesBefore;

    private volatile long publishedBefore;

    private final Executable billedOnce = () -> {
        // every event the broker confirmed reaches the consumer; wait for them all
        await().atMost(Duration.ofSeconds(30))
            .until(() -> this.billing.deliveries() - this.deliveriesBefore == this.published.count()
                    - this.publishedBefore);
        int ordered = count("SELECT COUNT(*) FROM orders WHERE order_id = ?");
        assertThat(ordered).as("orders committed").isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM billing WHERE order_id = ?")).as("bills of the order").isEqualTo(1);
    };

    @Test
    void everyCommittedOrderIsBilledExactlyOnceUnderEveryFault() {
        List<String> runs = this.dtm.faultMatrix(() -> this.orders.place(this.orderId, "book", 1))
            .beforeEach(this::nextOrder)
            .verify(this.billedOnce);
        assertThat(runs).anySatisfy((run) -> assertThat(run).contains("delivered twice"))
            .anySatisfy((run) -> assertThat(run).contains("reply lost after commit"));
    }

    private void nextOrder() {
        this.orderId = "kit-" + System.nanoTime() + "-" + this.run.incrementAndGet();
        this.deliveriesBefore = this.billing.deliveries();
        this.publishedBefore = this.published.count();
    }

    private int count(String sql) {
        Integer count = this.jdbc.queryForObject(sql, Integer.class, this.orderId);
        return (count != null) ? count : 0;
    }

    /** Counts the publish endpoint's SUCCESS replies: each is one event in the queue. */
    static class PublishCounter extends OncePerRequestFilter {

        private final AtomicLong count = new AtomicLong();

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            chain.doFilter(request, response);
            if (request.getRequestURI().endsWith(DtmEventsController.PUBLISH) && response.getStatus() == 200) {
                this.count.incrementAndGet();
            }
        }

        long count() {
            return this.count.get();
        }

    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Counting {

        @Bean
        PublishCounter publishCounter() {
            return new PublishCounter();
        }

    }

}
