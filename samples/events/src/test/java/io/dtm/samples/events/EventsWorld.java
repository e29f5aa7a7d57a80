package io.dtm.samples.events;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.UUID;

import io.dtm.samples.coordinator.CoordinatorApp;
import io.dtm.spring.client.DtmClient;

import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A coordinator and the order service, started once per JVM on free ports, with an
 * exchange and a billing queue of this run's own. The order service can be stopped and
 * started again on the same port and database, as after a crash.
 */
final class EventsWorld {

    private static EventsWorld instance;

    final String run = UUID.randomUUID().toString().substring(0, 8);

    final String queue = "dtm-sample.billing-" + this.run;

    final String exchange = "dtm-sample.orders-" + this.run;

    final int ordersPort = freePort();

    final String ordersUrl = "http://localhost:" + this.ordersPort;

    final String server;

    final DtmClient coordinator;

    /** The order service's database, reachable while the service is down. */
    final JdbcTemplate db;

    private final String dbUrl = "jdbc:h2:mem:orders-" + this.run + ";DB_CLOSE_DELAY=-1";

    private ConfigurableApplicationContext orders;

    private EventsWorld() {
        int coordinatorPort = freePort();
        this.server = "http://localhost:" + coordinatorPort + "/api/dtmsvr";
        new SpringApplicationBuilder(CoordinatorApp.class)
            .properties("server.port=" + coordinatorPort, "spring.main.banner-mode=off", "logging.level.root=WARN",
                    "dtm.coordinator.enabled=true", "dtm.coordinator.store.type=h2",
                    "dtm.coordinator.store.jdbc.url=jdbc:h2:mem:coordinator-" + this.run + ";DB_CLOSE_DELAY=-1",
                    "spring.datasource.url=jdbc:h2:mem:coordinator-app-" + this.run + ";DB_CLOSE_DELAY=-1",
                    "dtm.coordinator.cron-interval=1s")
            .run();
        this.coordinator = DtmClient.create(this.server);
        this.db = new JdbcTemplate(new DriverManagerDataSource(this.dbUrl, "sa", ""));
        startOrders();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                RabbitAdmin admin = new RabbitAdmin(
                        orders().getBean(org.springframework.amqp.rabbit.connection.ConnectionFactory.class));
                admin.deleteQueue(this.queue);
                admin.deleteExchange(this.exchange);
            }
            catch (RuntimeException ex) {
                // the broker may be down; the queue and exchange are this run's own
                // either way
            }
        }));
    }

    static synchronized EventsWorld get() {
        if (instance == null) {
            instance = new EventsWorld();
        }
        return instance;
    }

    synchronized ConfigurableApplicationContext orders() {
        return this.orders;
    }

    synchronized void startOrders() {
        // arguments, so that they win over the sample's application.yml
        this.orders = new SpringApplicationBuilder(EventsApplication.class).run("--server.port=" + this.ordersPort,
                "--spring.main.banner-mode=off", "--logging.level.root=WARN", "--dtm.coordinator.enabled=false",
                "--dtm.server=" + this.server, "--spring.datasource.url=" + this.dbUrl, "--sample.queue=" + this.queue,
                "--sample.exchange=" + this.exchange, "--dtm.timeout-to-fail=3s", "--dtm.retry-interval=1s");
    }

    /** Stops the order service, as a crash would leave it: what it committed stays. */
    synchronized void stopOrders() {
        this.orders.close();
    }

    String status(String gid) {
        return this.coordinator.query(gid).path("transaction").path("status").asString("");
    }

    int billed(String orderId) {
        Integer count = this.db.queryForObject("SELECT COUNT(*) FROM billing WHERE order_id = ?", Integer.class,
                orderId);
        return (count != null) ? count : 0;
    }

    int ordered(String orderId) {
        Integer count = this.db.queryForObject("SELECT COUNT(*) FROM orders WHERE order_id = ?", Integer.class,
                orderId);
        return (count != null) ? count : 0;
    }

    Billing billing() {
        return orders().getBean(Billing.class);
    }

    Orders ordersService() {
        return orders().getBean(Orders.class);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

}
