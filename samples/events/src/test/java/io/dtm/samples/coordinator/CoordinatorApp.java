package io.dtm.samples.coordinator;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The coordinator on its own (outside the sample's package, which the sample scans), so
 * that the order service can be stopped and restarted while the coordinator keeps its
 * transactions.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = "org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration")
public class CoordinatorApp {

}
