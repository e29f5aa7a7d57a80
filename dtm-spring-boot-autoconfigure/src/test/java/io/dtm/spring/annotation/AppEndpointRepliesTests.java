package io.dtm.spring.annotation;

import org.junit.jupiter.api.Test;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * dtm's replies are for the coordinator's branch calls only: the application's own
 * endpoints keep the application's error handling, even when they carry some of dtm's
 * query parameters.
 */
class AppEndpointRepliesTests {

    private final AnnotationWorld world = AnnotationWorld.get();

    private final RestClient rest = RestClient.create();

    @Test
    void aFailureOfAnAppEndpointGetsTheAppsHandling() {
        assertThat(post("/app/reserve")).isEqualTo("422 {\"error\":\"refused by the app\"}");
        assertThat(post("/app/reserve?gid=g1")).isEqualTo("422 {\"error\":\"refused by the app\"}");
        assertThat(post("/app/reserve?gid=g1&trans_type=saga")).isEqualTo("422 {\"error\":\"refused by the app\"}");
    }

    @Test
    void aFailureOfABranchCallGetsDtmsReply() {
        assertThat(post("/app/reserve?gid=g1&trans_type=saga&branch_id=01&op=action"))
            .isEqualTo("409 {\"dtm_result\":\"FAILURE\",\"message\":\"out of stock\"}");
    }

    @Test
    void anErrorOfARequestThatOnlyCarriesAGidKeepsItsMessageToItself() {
        String reply = post("/app/crash?gid=g1&trans_type=saga");
        assertThat(reply).startsWith("500 ").doesNotContain("internal detail");
    }

    @Test
    void anErrorOfABranchCallIsA500WithItsMessageForTheCoordinator() {
        assertThat(post("/app/crash?gid=g1&trans_type=saga&branch_id=01&op=action"))
            .isEqualTo("500 {\"message\":\"internal detail of the crash\"}");
    }

    private String post(String path) {
        return this.rest.post()
            .uri(this.world.bankOutUrl + path)
            .exchange((request, response) -> response.getStatusCode().value() + " "
                    + new String(response.getBody().readAllBytes()));
    }

}
