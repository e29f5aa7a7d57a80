package io.dtm.test.bank;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.openfeign.EnableFeignClients;

/**
 * A tiny bank with two accounts, a correct participant, a broken one, and the initiator
 * of a transfer.
 */
@SpringBootApplication
@EnableFeignClients
public class TestBankApplication {

}
