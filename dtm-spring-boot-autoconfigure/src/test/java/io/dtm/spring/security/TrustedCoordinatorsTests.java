package io.dtm.spring.security;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.dtm.spring.context.DtmContextHolder;
import io.dtm.spring.context.DtmTransaction;
import io.dtm.spring.propagation.DtmInboundFilter;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class TrustedCoordinatorsTests {

    private final TrustedCoordinators coordinators = new TrustedCoordinators(
            () -> List.of("http://localhost:36789/api/dtmsvr", "https://dtm.prod.example.com/api/dtmsvr/"));

    @Test
    void onlyTheConfiguredCoordinatorsAreTrusted() {
        assertThat(this.coordinators.isTrusted("http://localhost:36789/api/dtmsvr")).isTrue();
        assertThat(this.coordinators.isTrusted("HTTP://LOCALHOST:36789/api/dtmsvr/")).isTrue();
        assertThat(this.coordinators.isTrusted("https://dtm.prod.example.com:443/api/dtmsvr")).isTrue();
        assertThat(this.coordinators.isTrusted("http://evil.example.com/api/dtmsvr")).isFalse();
        assertThat(this.coordinators.isTrusted("http://localhost:36790/api/dtmsvr")).isFalse();
        assertThat(this.coordinators.isTrusted("http://localhost:36789/api/dtmsvr?x=1")).isFalse();
        assertThat(this.coordinators.isTrusted("http://user@localhost:36789/api/dtmsvr")).isFalse();
        assertThat(this.coordinators.isTrusted("not a url")).isFalse();
        assertThat(TrustedCoordinators.any().isTrusted("http://anything/")).isTrue();
    }

    @Test
    void aChangedListIsTrustedFromTheNextCall() {
        AtomicReference<List<String>> urls = new AtomicReference<>(List.of("http://localhost:8080/api/dtmsvr"));
        TrustedCoordinators coordinators = new TrustedCoordinators(urls::get);
        assertThat(coordinators.isTrusted("http://localhost:8080/api/dtmsvr")).isTrue();
        assertThat(coordinators.isTrusted("http://localhost:41234/api/dtmsvr")).isFalse();
        // the server's port becomes known once the web server runs
        urls.set(List.of("http://localhost:41234/api/dtmsvr"));
        assertThat(coordinators.isTrusted("http://localhost:41234/api/dtmsvr")).isTrue();
        assertThat(coordinators.isTrusted("http://localhost:8080/api/dtmsvr")).isFalse();
    }

    @Test
    void theInboundFilterIgnoresADtmParameterNamingAForeignHost() throws Exception {
        DtmInboundFilter filter = new DtmInboundFilter(this.coordinators);
        assertThat(boundDtm(filter, "http%3A%2F%2F169.254.169.254%2Fapi%2Fdtmsvr")).isEmpty();
        assertThat(boundDtm(filter, "http%3A%2F%2Flocalhost%3A36789%2Fapi%2Fdtmsvr"))
            .isEqualTo("http://localhost:36789/api/dtmsvr");
    }

    private static String boundDtm(DtmInboundFilter filter, String dtm) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/try");
        request.setQueryString("gid=g1&trans_type=tcc&branch_id=01&op=try&dtm=" + dtm);
        AtomicReference<DtmTransaction> bound = new AtomicReference<>();
        filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> bound.set(DtmContextHolder.get()));
        return bound.get().dtm();
    }

}
