package io.dtm.coordinator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.dtm.coordinator.engine.CronPoller;

/**
 * Black-box scenarios over real HTTP: the embedded coordinator and the test business
 * service on a random port, the recovery poller driven by hand ({@link #cronOnce}) and
 * time moved by {@link MutableClock}.
 */
@SpringBootTest(classes = CoordinatorTestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "dtm.coordinator.enabled=true", "dtm.coordinator.admin.enabled=true",
                "dtm.coordinator.cron-enabled=false", "dtm.coordinator.alert-webhook=" })
public abstract class ScenarioTestBase {

    /** As dtm's tests: the poller sees transactions this far ahead. */
    protected static final Duration CRON_FORWARD = Duration.ofSeconds(180);

    @LocalServerPort
    protected int port;

    @Autowired
    protected Busi busi;

    @Autowired
    protected MutableClock clock;

    @Autowired
    protected CronPoller poller;

    @Autowired
    protected ProcessedRecorder processed;

    protected DtmApi dtm;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        TestStores.register(registry, "scenarios");
    }

    @BeforeEach
    void setUpApi() {
        dtm = new DtmApi(port);
    }

    protected String busiUrl() {
        return "http://localhost:" + port + "/api/busi";
    }

    protected String gid(String name) {
        return name + "-" + dtm.newGid();
    }

    /** A saga of TransOut then TransIn, as dtm's test helpers build it. */
    protected Map<String, Object> saga(String gid) {
        Map<String, Object> body = trans(gid, "saga");
        body.put("steps", List.of(step("TransOut", "TransOutRevert"), step("TransIn", "TransInRevert")));
        body.put("payloads", List.of("{\"amount\":30}", "{\"amount\":30}"));
        return body;
    }

    protected Map<String, String> step(String action, String compensate) {
        Map<String, String> step = new LinkedHashMap<>();
        step.put("action", busiUrl() + "/" + action);
        if (compensate != null) {
            step.put("compensate", busiUrl() + "/" + compensate);
        }
        return step;
    }

    protected Map<String, Object> trans(String gid, String type) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("gid", gid);
        body.put("trans_type", type);
        return body;
    }

    /** Submits and waits until the background pass it started has ended. */
    protected HttpReply submitAndWait(Map<String, Object> body) {
        String gid = (String) body.get("gid");
        int before = processed.passes(gid);
        HttpReply reply = dtm.post("/api/dtmsvr/submit", body);
        assertThat(reply.status()).as("submit reply %s", reply).isEqualTo(200);
        awaitPasses(gid, before + 1);
        return reply;
    }

    protected void awaitPasses(String gid, int passes) {
        await().atMost(Duration.ofSeconds(20)).until(() -> processed.passes(gid) >= passes);
    }

    /**
     * Moves time forward and runs poller passes until {@code gid} has been processed
     * once, as dtm's cronTransOnce; other due transactions processed on the way are fine.
     */
    protected void cronOnce(String gid) {
        cronOnce(gid, CRON_FORWARD);
    }

    protected void cronOnce(String gid, Duration forward) {
        clock.advance(forward);
        List<String> picked = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Optional<String> got = poller.runOnce();
            if (got.isEmpty()) {
                break;
            }
            picked.add(got.get());
            if (got.get().equals(gid)) {
                return;
            }
        }
        throw new AssertionError("the poller did not pick " + gid + "; it picked " + picked);
    }

    /** Runs poller passes without moving time; returns whether {@code gid} was due. */
    protected boolean cronPicks(String gid) {
        for (int i = 0; i < 200; i++) {
            Optional<String> got = poller.runOnce();
            if (got.isEmpty()) {
                return false;
            }
            if (got.get().equals(gid)) {
                return true;
            }
        }
        return false;
    }

    protected static List<String> statuses(String... s) {
        return List.of(s);
    }

}
