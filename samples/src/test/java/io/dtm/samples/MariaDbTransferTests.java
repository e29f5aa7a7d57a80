package io.dtm.samples;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The {@code mariadb} profile: bank and coordinator store on MariaDB at 127.0.0.1:3306
 * (user dtm/dtm, see scripts/services.sh), where XA runs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "samples.run-on-startup=false")
@ActiveProfiles("mariadb")
class MariaDbTransferTests extends AbstractXaTransferTests {

}
