package io.dtm.coordinator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import io.dtm.coordinator.api.BodyBudget;

/**
 * The request bodies held in memory at once are capped
 * ({@code dtm.coordinator.limits.max-buffered-bytes}): a body that would go over is
 * refused with 503 before it is read, and the room a body took is given back once its
 * request ended, however it ended.
 */
@TestPropertySource(
        properties = { "dtm.coordinator.limits.max-buffered-bytes=4KB", "dtm.coordinator.limits.body-read-timeout=2s" })
class BufferedBytesTests extends ScenarioTestBase {

    @Autowired
    BodyBudget budget;

    @Test
    void aBodyThatWouldGoOverTheCapIs503AndStoresNothing() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> budget.inUse() == 0);
        String gid = gid("overBudget");
        try (Socket slow = new Socket("127.0.0.1", port)) {
            // announces 3000 bytes and sends one: they are counted until it ends
            OutputStream out = slow.getOutputStream();
            out.write(("POST /api/dtmsvr/prepare HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 3000\r\n\r\n{")
                .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            await().atMost(Duration.ofSeconds(10)).until(() -> budget.inUse() >= 3000);

            HttpReply refused = dtm.post("/api/dtmsvr/prepare", largeSaga(gid));
            assertThat(refused.status()).isEqualTo(503);
            assertThat((String) refused.json().get("message")).contains("dtm.coordinator.limits.max-buffered-bytes");
            assertThat(dtm.transaction(gid)).isNull();
            // a small body still fits
            assertThat(dtm.post("/api/dtmsvr/prepare", saga(gid("fits"))).status()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> budget.inUse() == 0);
        assertThat(dtm.post("/api/dtmsvr/prepare", largeSaga(gid)).status()).isEqualTo(200);
        // given back when the request has ended, which may be just after its reply was
        // read
        await().atMost(Duration.ofSeconds(10)).until(() -> budget.inUse() == 0);
    }

    /**
     * A saga whose body is about 1.5 KB: over the 1 KB left while 3000 bytes are held.
     */
    private Map<String, Object> largeSaga(String gid) {
        Map<String, Object> saga = saga(gid);
        saga.put("payloads", List.of("{\"pad\":\"" + "x".repeat(1500) + "\"}", "{}"));
        return saga;
    }

}
