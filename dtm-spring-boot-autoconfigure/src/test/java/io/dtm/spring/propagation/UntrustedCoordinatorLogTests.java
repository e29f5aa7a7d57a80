package io.dtm.spring.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.dtm.spring.security.TrustedCoordinators;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * A participant that does not trust the caller's coordinator says so once per coordinator
 * URL, with the fix, not on every call.
 */
@ExtendWith(OutputCaptureExtension.class)
class UntrustedCoordinatorLogTests {

    private final DtmInboundFilter filter = new DtmInboundFilter(
            new TrustedCoordinators(() -> List.of("http://localhost:36789/api/dtmsvr")));

    @Test
    void anUntrustedCoordinatorIsWarnedAboutOncePerUrl(CapturedOutput output) throws Exception {
        for (int i = 0; i < 5; i++) {
            call("http://localhost:8081/api/dtmsvr", "g" + i);
        }
        call("http://other:36789/api/dtmsvr", "g9");

        assertThat(output.toString().split("ignored dtm=http://localhost:8081/api/dtmsvr", -1)).hasSize(2);
        assertThat(output.toString().split("ignored dtm=http://other:36789/api/dtmsvr", -1)).hasSize(2);
        assertThat(output).contains("set dtm.server to it");
    }

    @Test
    void aTrustedCoordinatorIsNotWarnedAbout(CapturedOutput output) throws Exception {
        call("http://localhost:36789/api/dtmsvr", "g1");

        assertThat(output).doesNotContain("ignored dtm=");
    }

    private void call(String dtm, String gid) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/bank/transOutTry");
        request.setQueryString("gid=" + gid + "&trans_type=tcc&branch_id=01&op=try&dtm=" + dtm);
        this.filter.doFilter(request, new MockHttpServletResponse(), new MockFilterChain());
    }

}
