package io.dtm.spring.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.dtm.coordinator.engine.call.CallbackSigner;
import io.dtm.spring.security.CallbackSignatures.Verification;
import io.dtm.spring.support.LogText;

/**
 * The starter's check against the coordinator's own signer, so both sides stay in step.
 */
class CallbackSignaturesTests {

    private static final String NEW = "new-key-0123456789abcdef";

    private static final String OLD = "old-key-0123456789abcdef";

    private static final byte[] BODY = "{\"amount\":30}".getBytes(StandardCharsets.UTF_8);

    private static final String PATH = "/api/bank/withdraw";

    private static final String QUERY = "gid=g1&trans_type=saga&branch_id=01&op=action";

    private static final String HOST = "bank:8080";

    private static final URI URL = URI.create("http://" + HOST + PATH + "?" + QUERY);

    private final AtomicLong clock = new AtomicLong(1_700_000_000L);

    private final CallbackSigner coordinator = new CallbackSigner(List.of(NEW, OLD), this.clock::get);

    private CallbackSignatures participant(String... secrets) {
        return new CallbackSignatures(List.of(secrets), Duration.ofMinutes(5), this.clock::get, 1000);
    }

    private String signed() {
        return this.coordinator.sign("POST", URL, BODY);
    }

    @Test
    void aCallSignedByTheCoordinatorIsValid() {
        assertThat(participant(NEW).verify("POST", HOST, PATH, QUERY, BODY, signed()).valid()).isTrue();
    }

    @Test
    void duringRotationTheOldKeyIsStillAcceptedWhileTheCoordinatorSignsWithTheNewOne() {
        CallbackSignatures rotating = participant(OLD, NEW);
        assertThat(rotating.verify("POST", HOST, PATH, QUERY, BODY, signed()).valid()).isTrue();
        CallbackSigner notYetRotated = new CallbackSigner(List.of(OLD), this.clock::get);
        assertThat(rotating.verify("POST", HOST, PATH, QUERY, BODY, notYetRotated.sign("POST", URL, BODY)).valid())
            .isTrue();
        // a participant that dropped the old key refuses what the old key signed
        assertThat(participant(NEW).verify("POST", HOST, PATH, QUERY, BODY, notYetRotated.sign("POST", URL, BODY)))
            .extracting(Verification::reason)
            .asString()
            .contains("a key this service does not have");
    }

    @Test
    void aWrongKeyIsRefused() {
        CallbackSigner stranger = new CallbackSigner(List.of("someone-elses-key-0123456789"), this.clock::get);
        assertThat(participant(NEW).verify("POST", HOST, PATH, QUERY, BODY, stranger.sign("POST", URL, BODY)).valid())
            .isFalse();
        // the right key id with a signature made by another key
        String forged = signed().replaceAll("v2=[0-9a-f]+", "v2=" + "ab".repeat(32));
        assertThat(participant(NEW).verify("POST", HOST, PATH, QUERY, BODY, forged).reason())
            .contains("does not match");
    }

    @Test
    void anUnsignedOrMalformedCallIsRefused() {
        assertThat(participant(NEW).verify("POST", HOST, PATH, QUERY, BODY, null).reason()).contains("not signed");
        assertThat(participant(NEW).verify("POST", HOST, PATH, QUERY, BODY, "garbage").reason()).contains("malformed");
        assertThat(participant(NEW).verify("POST", HOST, PATH, QUERY, BODY, "t=abc,kid=x,v2=00").reason())
            .contains("malformed");
    }

    @Test
    void anOldOrFutureTimestampIsRefused() {
        String header = signed();
        this.clock.addAndGet(301);
        assertThat(participant(NEW).verify("POST", HOST, PATH, QUERY, BODY, header).reason()).contains("301s old");
        this.clock.addAndGet(-301 - 301);
        assertThat(participant(NEW).verify("POST", HOST, PATH, QUERY, BODY, header).valid()).isFalse();
        this.clock.addAndGet(301 + 299);
        assertThat(participant(NEW).verify("POST", HOST, PATH, QUERY, BODY, header).valid()).isTrue();
    }

    @Test
    void aReplayIsRefused() {
        CallbackSignatures checker = participant(NEW);
        String header = signed();
        assertThat(checker.verify("POST", HOST, PATH, QUERY, BODY, header).valid()).isTrue();
        this.clock.addAndGet(10);
        assertThat(checker.verify("POST", HOST, PATH, QUERY, BODY, header).reason()).contains("replay");
        // the coordinator's retry of the same call is signed anew and accepted
        assertThat(checker.verify("POST", HOST, PATH, QUERY, BODY, signed()).valid()).isTrue();
    }

    @Test
    void aChangedBodyQueryPathOrMethodIsRefused() {
        CallbackSignatures checker = participant(NEW);
        String header = signed();
        assertThat(checker.verify("POST", HOST, PATH, QUERY, "{\"amount\":5000}".getBytes(), header).reason())
            .contains("does not match");
        assertThat(
                checker.verify("POST", HOST, PATH, QUERY.replace("op=action", "op=compensate"), BODY, header).valid())
            .isFalse();
        assertThat(checker.verify("POST", HOST, "/api/bank/deposit", QUERY, BODY, header).valid()).isFalse();
        assertThat(checker.verify("GET", HOST, PATH, QUERY, BODY, header).valid()).isFalse();
        assertThat(checker.verify("POST", HOST, PATH, QUERY, BODY, header).valid()).isTrue();
    }

    @Test
    void aQueryThatRepeatsADtmParameterIsRefusedThoughTheSignatureCoversTheFirst() {
        CallbackSignatures checker = participant(NEW);
        String header = signed();
        for (String query : new String[] { "gid=VICTIM&" + QUERY, QUERY + "&gid=VICTIM", QUERY + "&op=rollback",
                QUERY.replace("gid=g1", "gid=g1&g%69d=VICTIM"), QUERY + "&gid" }) {
            assertThat(checker.verify("POST", HOST, PATH, query, BODY, header).reason()).as(query)
                .contains("repeats the parameter");
        }
        assertThat(checker.verify("POST", HOST, PATH, QUERY, BODY, header).valid()).isTrue();
    }

    @Test
    void aQueryWhoseDtmParametersDifferFromTheSignedOnesIsRefused() {
        CallbackSignatures checker = participant(NEW);
        String header = signed();
        assertThat(checker.verify("POST", HOST, PATH, QUERY.replace("gid=g1", "gid=VICTIM"), BODY, header).reason())
            .contains("does not match");
        assertThat(checker.verify("POST", HOST, PATH, QUERY.replace("&op=action", ""), BODY, header).valid()).isFalse();
        assertThat(
                checker.verify("POST", HOST, PATH, QUERY.replace("branch_id=01", "branch_id=02"), BODY, header).valid())
            .isFalse();
    }

    @Test
    void aCallToAnotherHostIsRefused() {
        CallbackSignatures checker = participant(NEW);
        String header = signed();
        assertThat(checker.verify("POST", "other-bank:8080", PATH, QUERY, BODY, header).reason())
            .contains("does not match");
        assertThat(checker.verify("POST", "bank:8081", PATH, QUERY, BODY, header).valid()).isFalse();
        assertThat(checker.verify("POST", null, PATH, QUERY, BODY, header).reason()).contains("no Host header");
        assertThat(checker.verify("POST", "BANK:8080", PATH, QUERY, BODY, header).valid()).isTrue();
    }

    @Test
    void aSignatureOfTheOlderSchemeIsRefused() {
        String v1 = signed().replaceAll("v2=", "v1=");
        assertThat(participant(NEW).verify("POST", HOST, PATH, QUERY, BODY, v1).reason()).contains("v1 scheme");
    }

    @Test
    void whatTheStarterSignsItselfIsAcceptedLikeTheCoordinators() {
        CallbackSignatures initiator = participant(NEW);
        String header = initiator.sign("POST", URL, BODY);
        assertThat(participant(OLD, NEW).verify("POST", HOST, PATH, QUERY, BODY, header).valid()).isTrue();
        assertThat(participant().sign("POST", URL, BODY)).isNull();
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
