package io.dtm.samples;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The {@code postgres} profile: bank and coordinator store on PostgreSQL at
 * 127.0.0.1:5432 (user postgres), where XA runs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "samples.run-on-startup=false")
@ActiveProfiles("postgres")
class PostgresTransferTests extends AbstractXaTransferTests {

}
