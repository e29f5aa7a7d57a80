package io.dtm.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.dtm.samples.transfer.Mode;
import io.dtm.samples.transfer.TransferResult;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Every mode that H2 supports, with the embedded coordinator on H2, as the one-command
 * run does it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "samples.run-on-startup=false", "spring.datasource.url=jdbc:h2:mem:bank-tests;DB_CLOSE_DELAY=-1",
                "dtm.coordinator.store.jdbc.url=jdbc:h2:mem:dtm-tests;DB_CLOSE_DELAY=-1" })
class H2TransferTests extends AbstractTransferFlowTests {

    @Test
    void xaIsSkippedOnH2AndSaysWhy() {
        assertThat(this.demo.xaSupported()).isFalse();
        TransferResult result = this.demo.run(Mode.XA, false);
        assertThat(result.skipped()).isTrue();
        assertThat(result.note()).contains("H2 has no XA PREPARE").contains("--spring.profiles.active=mariadb");
        assertThat(result.gid()).isNull();
    }

}
