package io.dtm.coordinator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import io.dtm.coordinator.engine.support.EngineMdc;
import io.dtm.protocol.TransType;

class EngineMdcTests {

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void scopesPutTheirKeysAndRestoreWhatWasThere() {
        MDC.put("dtm.gid", "outer");
        try (EngineMdc.Scope tx = EngineMdc.transaction("g1", "saga")) {
            try (EngineMdc.Scope branch = EngineMdc.branch("g1", TransType.SAGA, "01", "compensate")) {
                assertThat(MDC.getCopyOfContextMap()).containsExactlyInAnyOrderEntriesOf(Map.of("dtm.gid", "g1",
                        "dtm.trans_type", "saga", "dtm.branch_id", "01", "dtm.op", "compensate"));
            }
            assertThat(MDC.getCopyOfContextMap())
                .containsExactlyInAnyOrderEntriesOf(Map.of("dtm.gid", "g1", "dtm.trans_type", "saga"));
        }
        assertThat(MDC.getCopyOfContextMap()).containsExactlyInAnyOrderEntriesOf(Map.of("dtm.gid", "outer"));
    }

    @Test
    void valuesAreEscapedAndCut() {
        try (EngineMdc.Scope tx = EngineMdc.transaction("g\r\nforged" + "x".repeat(500), "")) {
            assertThat(MDC.get("dtm.gid")).doesNotContain("\r", "\n").hasSizeLessThan(200);
            assertThat(MDC.get("dtm.trans_type")).isNull();
        }
    }

}
