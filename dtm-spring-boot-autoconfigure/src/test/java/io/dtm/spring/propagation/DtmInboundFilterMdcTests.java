package io.dtm.spring.propagation;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The branch's keys are in the MDC while its handler runs, and only then. */
class DtmInboundFilterMdcTests {

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void theHandlerLogsWithTheTransactionsKeys() throws Exception {
        MDC.put("dtm.gid", "outer");
        Map<String, String> seen = new HashMap<>();
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/TransIn");
        request.setQueryString("gid=g1&trans_type=saga&branch_id=01&op=compensate");
        new DtmInboundFilter().doFilter(request, new MockHttpServletResponse(),
                new MockFilterChain(new jakarta.servlet.http.HttpServlet() {

                    @Override
                    protected void service(jakarta.servlet.http.HttpServletRequest req,
                            jakarta.servlet.http.HttpServletResponse res) {
                        seen.putAll(MDC.getCopyOfContextMap());
                    }

                }));
        assertThat(seen).containsEntry("dtm.gid", "g1")
            .containsEntry("dtm.trans_type", "saga")
            .containsEntry("dtm.branch_id", "01")
            .containsEntry("dtm.op", "compensate");
        assertThat(MDC.getCopyOfContextMap()).containsExactly(Map.entry("dtm.gid", "outer"));
    }

}
