package io.dtm.spring.it;

import io.dtm.spring.client.DtmClient;
import io.dtm.spring.client.Workflows;
import tools.jackson.databind.JsonNode;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

/**
 * Three services on H2, started once per JVM: the initiator (which also runs the embedded
 * coordinator), bank-out and bank-in.
 */
public final class H2World {

    private static H2World instance;

    public final ConfigurableApplicationContext initiator;

    public final ConfigurableApplicationContext bankOut;

    public final ConfigurableApplicationContext bankIn;

    public final String initiatorUrl;

    public final String bankOutUrl;

    public final String bankInUrl;

    public final String server;

    private final RestClient rest = RestClient.create();

    private H2World() {
        int initiatorPort = Apps.freePort();
        int bankOutPort = Apps.freePort();
        int bankInPort = Apps.freePort();
        this.initiatorUrl = "http://localhost:" + initiatorPort;
        this.bankOutUrl = "http://localhost:" + bankOutPort;
        this.bankInUrl = "http://localhost:" + bankInPort;
        this.server = this.initiatorUrl + "/api/dtmsvr";
        this.initiator = Apps.start("initiator", initiatorPort, "dtm.coordinator.enabled=true",
                "dtm.coordinator.store.type=h2",
                "dtm.coordinator.store.jdbc.url=jdbc:h2:mem:dtm-coordinator;DB_CLOSE_DELAY=-1",
                "dtm.coordinator.cron-interval=1s", "dtm.retry-interval=1s", "echo.url=" + this.bankInUrl);
        this.bankOut = Apps.start("bank-out", bankOutPort, "dtm.server=" + this.server, "echo.url=" + this.bankInUrl);
        this.bankIn = Apps.start("bank-in", bankInPort, "dtm.server=" + this.server, "echo.url=" + this.bankOutUrl);
    }

    public static synchronized H2World get() {
        if (instance == null) {
            instance = new H2World();
        }
        return instance;
    }

    public DtmClient client() {
        return this.initiator.getBean(DtmClient.class);
    }

    public Workflows workflows() {
        return this.initiator.getBean(Workflows.class);
    }

    public String out(String path) {
        return this.bankOutUrl + "/api/bank" + path;
    }

    public String in(String path) {
        return this.bankInUrl + "/api/bank" + path;
    }

    public long balance(String bankUrl) {
        return balanceNode(bankUrl).get("balance").asLong();
    }

    public long frozen(String bankUrl) {
        return balanceNode(bankUrl).get("frozen").asLong();
    }

    private JsonNode balanceNode(String bankUrl) {
        return this.rest.get().uri(bankUrl + "/api/bank/balance").retrieve().body(JsonNode.class);
    }

    public int ran(String bankUrl, String op) {
        Integer count = this.rest.get().uri(bankUrl + "/api/bank/count?op=" + op).retrieve().body(Integer.class);
        return (count != null) ? count : 0;
    }

    public String status(String gid) {
        JsonNode transaction = client().query(gid).path("transaction");
        return transaction.path("status").asString("");
    }

    /** Branch statuses in storage order. */
    public java.util.List<String> branchStatuses(String gid) {
        java.util.List<String> statuses = new java.util.ArrayList<>();
        client().query(gid).path("branches").forEach((branch) -> statuses.add(branch.path("status").asString("")));
        return statuses;
    }

}
