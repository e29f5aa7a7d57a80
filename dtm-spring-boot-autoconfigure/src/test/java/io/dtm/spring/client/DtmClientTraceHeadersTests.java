package io.dtm.spring.client;

import java.time.Duration;

import io.dtm.protocol.TransRequest;
import io.dtm.protocol.TransType;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;
import org.springframework.test.web.client.MockRestServiceServer;
import org.springframework.web.client.RestClient;

import static org.springframework.test.web.client.match.MockRestRequestMatchers.header;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.method;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.requestTo;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withSuccess;

/** The trace context goes with every call to the coordinator, next to the token. */
class DtmClientTraceHeadersTests {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void submitCarriesTheCurrentTraceContext() {
        RestClient.Builder builder = RestClient.builder();
        MockRestServiceServer server = MockRestServiceServer.bindTo(builder).build();
        server.expect(requestTo("http://dtm.internal:36789/api/dtmsvr/submit"))
            .andExpect(method(HttpMethod.POST))
            .andExpect(header("traceparent", TRACEPARENT))
            .andExpect(header("tracestate", "k=v"))
            .andExpect(header("Authorization", "Bearer t0k"))
            .andRespond(withSuccess("{\"dtm_result\":\"SUCCESS\"}", null));
        DtmClient client = new DtmClient(new DtmHttp(builder.build()), DtmClient.defaultJsonMapper(),
                () -> "http://dtm.internal:36789/api/dtmsvr", TransDefaults.NONE, null, "t0k", null, (headers) -> {
                    headers.accept("traceparent", TRACEPARENT);
                    headers.accept("tracestate", "k=v");
                });
        client.submit(new TransRequest("g1", TransType.SAGA));
        server.verify(Duration.ofSeconds(1));
    }

}
