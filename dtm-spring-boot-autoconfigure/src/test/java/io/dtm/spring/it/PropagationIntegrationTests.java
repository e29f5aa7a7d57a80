package io.dtm.spring.it;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.dtm.spring.context.DtmContextHolder;
import io.dtm.spring.context.DtmTransaction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

class PropagationIntegrationTests {

    private static final ParameterizedTypeReference<Map<String, String>> MAP = new ParameterizedTypeReference<>() {
    };

    private final H2World world = H2World.get();

    private final String echo = this.world.bankInUrl + "/api/echo";

    @AfterEach
    void clear() {
        DtmContextHolder.clear();
    }

    private DtmTransaction bind() {
        DtmTransaction transaction = new DtmTransaction("prop-" + System.nanoTime(), "saga", "01", "action",
                this.world.server);
        DtmContextHolder.bind(transaction);
        return transaction;
    }

    private static void assertPropagated(Map<String, String> echoed, DtmTransaction transaction, String branchId) {
        assertThat(echoed).containsEntry("gid", transaction.gid())
            .containsEntry("trans_type", "saga")
            .containsEntry("op", "action")
            .containsEntry("dtm", transaction.dtm())
            .containsEntry("branch_id", branchId);
    }

    @Test
    void feignRestClientRestTemplateAndWebClientCarryTheTransactionAsSubBranches() {
        DtmTransaction transaction = bind();
        Map<String, String> feign = this.world.initiator.getBean(EchoClient.class).echo();
        Map<String, String> restClient = this.world.initiator.getBean(RestClient.Builder.class)
            .build()
            .get()
            .uri(this.echo)
            .retrieve()
            .body(MAP);
        Map<String, String> restTemplate = this.world.initiator.getBean(RestTemplateBuilder.class)
            .build()
            .exchange(this.echo, org.springframework.http.HttpMethod.GET, null, MAP)
            .getBody();
        Map<String, String> webClient = this.world.initiator.getBean(WebClient.Builder.class)
            .build()
            .get()
            .uri(this.echo)
            .retrieve()
            .bodyToMono(MAP)
            .block();
        assertPropagated(feign, transaction, "0101");
        assertPropagated(restClient, transaction, "0102");
        assertPropagated(restTemplate, transaction, "0103");
        assertPropagated(webClient, transaction, "0104");
    }

    @Test
    void asyncHopKeepsTheTransaction() throws Exception {
        DtmTransaction transaction = bind();
        Map<String, Map<String, String>> hop = this.world.initiator.getBean(AsyncHop.class)
            .hop()
            .get(20, TimeUnit.SECONDS);
        assertThat(hop.get("thread").get("name")).isNotEqualTo(Thread.currentThread().getName());
        assertThat(hop.get("local")).containsEntry("gid", transaction.gid()).containsEntry("branch_id", "01");
        assertPropagated(hop.get("remote"), transaction, "0101");
    }

    @Test
    void nothingIsAddedWithoutATransactionAndTheInboundFilterAlwaysClears() {
        RestClient client = this.world.initiator.getBean(RestClient.Builder.class).build();
        assertThat(client.get().uri(this.echo).retrieve().body(MAP)).isEmpty();
        assertThat(client.get().uri(this.echo + "?gid=g1&trans_type=saga&branch_id=01&op=action").retrieve().body(MAP))
            .containsEntry("gid", "g1");
        for (int i = 0; i < 30; i++) {
            assertThat(client.get().uri(this.echo).retrieve().body(MAP)).isEmpty();
        }
    }

}
