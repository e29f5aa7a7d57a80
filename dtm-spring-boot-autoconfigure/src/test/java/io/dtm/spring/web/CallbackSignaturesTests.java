package io.dtm.spring.web;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.dtm.coordinator.engine.CallbackSigner;
import io.dtm.spring.web.CallbackSignatures.Verification;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's check against the coordinator's own signer, so both sides stay in step.
 */
class CallbackSignaturesTests {

    private static final String NEW = "new-key-0123456789abcdef";

    private static final String OLD = "old-key-0123456789abcdef";

    private static final byte[] BODY = "{\"amount\":30}".getBytes(StandardCharsets.UTF_8);

    private static final String PATH = "/api/bank/withdraw";

    private static final String QUERY = "gid=g1&trans_type=saga&branch_id=01&op=action";

    private final AtomicLong clock = new AtomicLong(1_700_000_000L);

    private final CallbackSigner coordinator = new CallbackSigner(List.of(NEW, OLD), this.clock::get);

    private CallbackSignatures participant(String... secrets) {
        return new CallbackSignatures(List.of(secrets), Duration.ofMinutes(5), this.clock::get, 1000);
    }

    private String signed() {
        return this.coordinator.sign("POST", PATH, QUERY, BODY);
    }

    @Test
    void aCallSignedByTheCoordinatorIsValid() {
        assertThat(participant(NEW).verify("POST", PATH, QUERY, BODY, signed()).valid()).isTrue();
    }

    @Test
    void duringRotationTheOldKeyIsStillAcceptedWhileTheCoordinatorSignsWithTheNewOne() {
        CallbackSignatures rotating = participant(OLD, NEW);
        assertThat(rotating.verify("POST", PATH, QUERY, BODY, signed()).valid()).isTrue();
        CallbackSigner notYetRotated = new CallbackSigner(List.of(OLD), this.clock::get);
        assertThat(rotating.verify("POST", PATH, QUERY, BODY, notYetRotated.sign("POST", PATH, QUERY, BODY)).valid())
            .isTrue();
        // a participant that dropped the old key refuses what the old key signed
        assertThat(participant(NEW).verify("POST", PATH, QUERY, BODY, notYetRotated.sign("POST", PATH, QUERY, BODY)))
            .extracting(Verification::reason)
            .asString()
            .contains("a key this service does not have");
    }

    @Test
    void aWrongKeyIsRefused() {
        CallbackSigner stranger = new CallbackSigner(List.of("someone-elses-key-0123456789"), this.clock::get);
        assertThat(participant(NEW).verify("POST", PATH, QUERY, BODY, stranger.sign("POST", PATH, QUERY, BODY)).valid())
            .isFalse();
        // the right key id with a signature made by another key
        String forged = signed().replaceAll("v1=[0-9a-f]+", "v1=" + "ab".repeat(32));
        assertThat(participant(NEW).verify("POST", PATH, QUERY, BODY, forged).reason()).contains("does not match");
    }

    @Test
    void anUnsignedOrMalformedCallIsRefused() {
        assertThat(participant(NEW).verify("POST", PATH, QUERY, BODY, null).reason()).contains("not signed");
        assertThat(participant(NEW).verify("POST", PATH, QUERY, BODY, "garbage").reason()).contains("malformed");
        assertThat(participant(NEW).verify("POST", PATH, QUERY, BODY, "t=abc,kid=x,v1=00").reason())
            .contains("malformed");
    }

    @Test
    void anOldOrFutureTimestampIsRefused() {
        String header = signed();
        this.clock.addAndGet(301);
        assertThat(participant(NEW).verify("POST", PATH, QUERY, BODY, header).reason()).contains("301s old");
        this.clock.addAndGet(-301 - 301);
        assertThat(participant(NEW).verify("POST", PATH, QUERY, BODY, header).valid()).isFalse();
        this.clock.addAndGet(301 + 299);
        assertThat(participant(NEW).verify("POST", PATH, QUERY, BODY, header).valid()).isTrue();
    }

    @Test
    void aReplayIsRefused() {
        CallbackSignatures checker = participant(NEW);
        String header = signed();
        assertThat(checker.verify("POST", PATH, QUERY, BODY, header).valid()).isTrue();
        this.clock.addAndGet(10);
        assertThat(checker.verify("POST", PATH, QUERY, BODY, header).reason()).contains("replay");
        // the coordinator's retry of the same call is signed anew and accepted
        assertThat(checker.verify("POST", PATH, QUERY, BODY, signed()).valid()).isTrue();
    }

    @Test
    void aChangedBodyQueryPathOrMethodIsRefused() {
        CallbackSignatures checker = participant(NEW);
        String header = signed();
        assertThat(checker.verify("POST", PATH, QUERY, "{\"amount\":5000}".getBytes(), header).reason())
            .contains("does not match");
        assertThat(checker.verify("POST", PATH, QUERY.replace("op=action", "op=compensate"), BODY, header).valid())
            .isFalse();
        assertThat(checker.verify("POST", "/api/bank/deposit", QUERY, BODY, header).valid()).isFalse();
        assertThat(checker.verify("GET", PATH, QUERY, BODY, header).valid()).isFalse();
        assertThat(checker.verify("POST", PATH, QUERY, BODY, header).valid()).isTrue();
    }

    @Test
    void whatTheStarterSignsItselfIsAcceptedLikeTheCoordinators() {
        CallbackSignatures initiator = participant(NEW);
        String header = initiator.sign("POST", PATH, QUERY, BODY);
        assertThat(participant(OLD, NEW).verify("POST", PATH, QUERY, BODY, header).valid()).isTrue();
        assertThat(participant().sign("POST", PATH, QUERY, BODY)).isNull();
        assertThat(participant().isEnabled()).isFalse();
    }

    @Test
    void theReplayCacheIsBounded() {
        ReplayCache cache = new ReplayCache(3);
        for (int i = 0; i < 10; i++) {
            assertThat(cache.firstSeen("k" + i, 10_000, 0)).isTrue();
        }
        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.firstSeen("k9", 10_000, 0)).isFalse();
        assertThat(cache.firstSeen("k9", 30_000, 20_000)).isTrue();
    }

    @Test
    void logTextEscapesControlCharacters() {
        assertThat(LogText.escape("a\r\nINFO forged\u001b")).isEqualTo("a\\r\\nINFO forged\\u001b");
        assertThat(LogText.prefix("x".repeat(50), 10)).isEqualTo("xxxxxxxxxx... (40 more characters)");
    }

}
