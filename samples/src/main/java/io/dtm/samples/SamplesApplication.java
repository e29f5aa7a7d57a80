package io.dtm.samples;

import io.dtm.samples.transfer.TransferRunner;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * dtm's quick start in one Spring Boot app: the embedded coordinator
 * ({@code /api/dtmsvr}), the {@code bank} participant ({@code /api/bank}) and the
 * initiator, which moves 30 from account 1 to account 2 in every mode and prints what
 * happened. The initiator reaches the bank over HTTP through a Feign client, as it would
 * reach another service.
 */
@SpringBootApplication
@EnableFeignClients
public class SamplesApplication {

    public static void main(String[] args) {
        ConfigurableApplicationContext context = SpringApplication.run(SamplesApplication.class, args);
        TransferRunner runner = context.getBean(TransferRunner.class);
        if (runner.shouldExit()) {
            int code = runner.allAsExpected() ? 0 : 1;
            System.exit(SpringApplication.exit(context, () -> code));
        }
    }

}
