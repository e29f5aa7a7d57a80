package io.dtm.coordinator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.dtm.coordinator.engine.call.BranchHeaders;
import io.dtm.coordinator.engine.support.InvalidRequestException;

class BranchHeadersTests {

    @Test
    void ordinaryHeadersPass() {
        assertThatNoException().isThrownBy(() -> BranchHeaders
            .validate(Map.of("Authorization", "Bearer x", "X-Tenant", "acme", "traceparent", "00-abc-def-01")));
        assertThatNoException().isThrownBy(() -> BranchHeaders.validate(null));
    }

    @Test
    void hostAndHopByHopHeadersAreRefused() {
        for (String name : new String[] { "Host", "host", "Connection", "Keep-Alive", "Proxy-Authorization",
                "Proxy-Foo", "TE", "Trailer", "Transfer-Encoding", "Upgrade", "Content-Length" }) {
            assertThatThrownBy(() -> BranchHeaders.validate(Map.of(name, "x")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("branch_headers may not set " + name);
        }
    }

    @Test
    void theSignatureHeaderIsTheCoordinatorsOwn() {
        assertThat(BranchHeaders.refusal(Map.of("Dtm-Signature", "t=1,v1=00"))).contains("signs branch calls");
    }

    @Test
    void headerInjectionIsRefused() {
        assertThat(BranchHeaders.refusal(Map.of("X-A", "v\r\nHost: evil"))).contains("control character");
        assertThat(BranchHeaders.refusal(Map.of("X A", "v"))).contains("invalid header name");
        assertThat(BranchHeaders.refusal(Map.of("X-A\nB", "v"))).contains("invalid header name").doesNotContain("\n");
    }

}
