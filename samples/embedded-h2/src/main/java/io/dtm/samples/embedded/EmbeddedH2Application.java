package io.dtm.samples.embedded;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A service that serves the coordinator itself, on H2 (see application.yml). */
@SpringBootApplication
public class EmbeddedH2Application {

    public static void main(String[] args) {
        SpringApplication.run(EmbeddedH2Application.class, args);
    }

}
