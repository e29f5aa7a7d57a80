package io.dtm.compat.discovery;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * One instance of the service {@code bank}: records every branch call it serves (gid and
 * op) and answers as dtm's participants do. Several instances run in one JVM, each in its
 * own application context.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(BankParticipant.BankController.class)
class BankParticipant {

    /**
     * Whether {@code /api/gate} answers FAILURE (the saga rolls back) rather than a
     * retryable 500; shared by all instances.
     */
    static final AtomicBoolean GATE_OPEN = new AtomicBoolean();

    static ConfigurableApplicationContext start(String instanceId, Map<String, Object> properties) {
        return new SpringApplicationBuilder(BankParticipant.class).web(WebApplicationType.SERVLET)
            .properties(Map.of("server.port", "0", "spring.application.name", "bank", "spring.main.banner-mode", "off",
                    "bank.instance-id", instanceId, "dtm.coordinator.enabled", "false"))
            .properties(properties)
            .run();
    }

    static int port(ConfigurableApplicationContext ctx) {
        return Integer.parseInt(ctx.getEnvironment().getProperty("local.server.port"));
    }

    static List<String> served(ConfigurableApplicationContext ctx) {
        return ctx.getBean(BankController.class).served;
    }

    @RestController
    static class BankController {

        final List<String> served = new CopyOnWriteArrayList<>();

        @RequestMapping({ "/api/transOut", "/api/transOutRevert", "/api/try", "/api/confirm", "/api/cancel" })
        Map<String, String> branch(@RequestParam("gid") String gid, @RequestParam("op") String op) {
            served.add(gid + " " + op);
            return Map.of("dtm_result", "SUCCESS");
        }

        @RequestMapping("/api/gate")
        ResponseEntity<Map<String, String>> gate(@RequestParam("gid") String gid, @RequestParam("op") String op) {
            served.add(gid + " " + op);
            if (GATE_OPEN.get()) {
                return ResponseEntity.status(409).body(Map.of("dtm_result", "FAILURE"));
            }
            return ResponseEntity.status(500).body(Map.of("dtm_result", "not yet"));
        }

    }

}
