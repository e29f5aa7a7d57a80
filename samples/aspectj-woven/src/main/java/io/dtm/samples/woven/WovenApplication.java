package io.dtm.samples.woven;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.openfeign.EnableFeignClients;

@SpringBootApplication
@EnableFeignClients
public class WovenApplication {

    public static void main(String[] args) {
        SpringApplication.run(WovenApplication.class, args);
    }

}
