package io.dtm.spring.client;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Where dtm.token goes: to the configured coordinator's origin only. */
class DtmClientTokenTests {

    private static DtmClient client(String token) {
        return new DtmClient(new DtmHttp(java.time.Duration.ofSeconds(1)), DtmClient.defaultJsonMapper(),
                () -> "http://dtm.internal:36789/api/dtmsvr/", TransDefaults.NONE, null, token, null);
    }

    @Test
    void theTokenGoesToTheCoordinatorsOrigin() {
        assertThat(client("t0k").coordinatorHeaders("http://dtm.internal:36789/api/dtmsvr/submit"))
            .isEqualTo(Map.of("Authorization", "Bearer t0k"));
        assertThat(client("t0k").coordinatorHeaders("http://DTM.internal:36789/api/dtmsvr"))
            .containsKey("Authorization");
    }

    @Test
    void noTokenGoesAnywhereElse() {
        DtmClient client = client("t0k");
        assertThat(client.coordinatorHeaders("http://evil.example:36789/api/dtmsvr")).isEmpty();
        assertThat(client.coordinatorHeaders("http://dtm.internal:8080/api/dtmsvr")).isEmpty();
        assertThat(client.coordinatorHeaders("https://dtm.internal:36789/api/dtmsvr")).isEmpty();
        assertThat(client.coordinatorHeaders("not a url")).isEmpty();
        assertThat(DtmClient.sameOrigin("http://a/x", "http://a:80/y")).isTrue();
    }

    @Test
    void withoutATokenNoHeaderIsSent() {
        assertThat(client(null).coordinatorHeaders("http://dtm.internal:36789/api/dtmsvr")).isEmpty();
        assertThat(client("").coordinatorHeaders("http://dtm.internal:36789/api/dtmsvr")).isEmpty();
    }

}
