package io.dtm.spring.annotation;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

/**
 * Three services started once per JVM, each on its own H2 database: the initiator (which
 * also runs the embedded coordinator), bank-out and bank-in. Every test opens its own
 * accounts, so tests do not disturb each other.
 */
final class AnnotationWorld {

    private static AnnotationWorld instance;

    private static final AtomicInteger accounts = new AtomicInteger(100);

    final ConfigurableApplicationContext initiator;

    final ConfigurableApplicationContext bankOut;

    final ConfigurableApplicationContext bankIn;

    final String initiatorUrl;

    final String bankOutUrl;

    final String bankInUrl;

    final String server;

    final String bankXaUrl;

    private final String[] banks;

    private ConfigurableApplicationContext bankXa;

    private final RestClient rest = RestClient.create();

    private AnnotationWorld() {
        int initiatorPort = freePort();
        int bankOutPort = freePort();
        int bankInPort = freePort();
        int bankXaPort = freePort();
        this.bankXaUrl = "http://localhost:" + bankXaPort;
        this.initiatorUrl = "http://localhost:" + initiatorPort;
        this.bankOutUrl = "http://localhost:" + bankOutPort;
        this.bankInUrl = "http://localhost:" + bankInPort;
        this.server = this.initiatorUrl + "/api/dtmsvr";
        String[] banks = { "bank-out.url=" + this.bankOutUrl, "bank-in.url=" + this.bankInUrl,
                "bank-xa.url=" + this.bankXaUrl };
        this.banks = banks;
        this.initiator = start("annotation-initiator", initiatorPort, banks, "dtm.coordinator.enabled=true",
                "dtm.coordinator.store.type=h2",
                "dtm.coordinator.store.jdbc.url=jdbc:h2:mem:annotation-dtm;DB_CLOSE_DELAY=-1",
                "dtm.coordinator.cron-interval=1s", "dtm.retry-interval=1s", "dtm.annotations.async-step-wait=3s");
        this.bankOut = start("annotation-bank-out", bankOutPort, banks, "dtm.server=" + this.server,
                "dtm.retry-interval=1s");
        // one request thread, so that the context leak test sees the thread reused
        this.bankIn = start("annotation-bank-in", bankInPort, banks, "dtm.server=" + this.server,
                "dtm.retry-interval=1s", "server.tomcat.threads.max=1", "server.tomcat.threads.min-spare=1");
    }

    static synchronized AnnotationWorld get() {
        if (instance == null) {
            instance = new AnnotationWorld();
        }
        return instance;
    }

    /**
     * The XA bank, on the MariaDB server at 127.0.0.1 (XA needs a real database); started
     * on first use.
     */
    synchronized ConfigurableApplicationContext bankXa() {
        if (this.bankXa == null) {
            int port = Integer.parseInt(this.bankXaUrl.substring(this.bankXaUrl.lastIndexOf(':') + 1));
            this.bankXa = start("annotation-bank-xa", port, this.banks, "dtm.server=" + this.server,
                    "spring.datasource.url=jdbc:mariadb://127.0.0.1:3306/test", "spring.datasource.username=root",
                    "spring.datasource.password=", "dtm.barrier.initialize-schema=always",
                    "bank.table=annotation_xa_account");
            this.bankXa.getBean(JdbcTemplate.class).update("DELETE FROM annotation_xa_account");
        }
        return this.bankXa;
    }

    static ConfigurableApplicationContext start(String name, int port, String[] banks, String... properties) {
        List<String> all = new ArrayList<>(List.of("server.port=" + port, "spring.application.name=" + name,
                "spring.main.banner-mode=off", "spring.datasource.url=jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1",
                "spring.datasource.username=sa", "spring.cloud.compatibility-verifier.enabled=false",
                "spring.cloud.openfeign.client.config.default.read-timeout=10000", "logging.level.root=WARN"));
        all.addAll(List.of(banks));
        all.addAll(List.of(properties));
        return new SpringApplicationBuilder(AnnotationTestApp.class).properties(all.toArray(String[]::new)).run();
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

    Transfers transfers() {
        return this.initiator.getBean(Transfers.class);
    }

    /** Opens a new account with {@code balance} in the service's database. */
    int openAccount(ConfigurableApplicationContext service, long balance) {
        int id = accounts.incrementAndGet();
        service.getBean(JdbcTemplate.class)
            .update("INSERT INTO " + table(service) + " (id, balance, frozen) VALUES (?, ?, 0)", id, balance);
        return id;
    }

    long balance(ConfigurableApplicationContext service, int account) {
        return service.getBean(JdbcTemplate.class)
            .queryForObject("SELECT balance FROM " + table(service) + " WHERE id = ?", Long.class, account);
    }

    long frozen(ConfigurableApplicationContext service, int account) {
        return service.getBean(JdbcTemplate.class)
            .queryForObject("SELECT frozen FROM " + table(service) + " WHERE id = ?", Long.class, account);
    }

    private static String table(ConfigurableApplicationContext service) {
        return service.getEnvironment().getProperty("bank.table", "account");
    }

    CallLog log(ConfigurableApplicationContext service) {
        return service.getBean(CallLog.class);
    }

    JsonNode query(String gid) {
        return this.rest.get().uri(this.server + "/query?gid={gid}", gid).retrieve().body(JsonNode.class);
    }

    /** The global status, or "" if the coordinator does not know the gid. */
    String status(String gid) {
        JsonNode transaction = query(gid).path("transaction");
        return transaction.isObject() ? transaction.path("status").asString("") : "";
    }

    List<String> branches(String gid) {
        List<String> branches = new ArrayList<>();
        query(gid).path("branches")
            .forEach((branch) -> branches.add(branch.path("branch_id").asString("") + ":"
                    + branch.path("op").asString("") + ":" + branch.path("status").asString("")));
        return branches;
    }

}
