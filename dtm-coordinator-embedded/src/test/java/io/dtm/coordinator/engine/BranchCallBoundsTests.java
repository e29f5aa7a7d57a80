package io.dtm.coordinator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.dtm.coordinator.engine.call.BranchCallResult;
import io.dtm.coordinator.engine.call.BranchCaller;
import io.dtm.coordinator.engine.call.BranchUrlPolicy;
import io.dtm.coordinator.engine.call.CallbackSigner;
import io.dtm.coordinator.engine.support.LogSafe;
import io.dtm.protocol.ReplyOutcome;
import io.dtm.protocol.TransGlobal;
import io.dtm.protocol.TransOptions;

/**
 * Branch calls against hostile branch servers end by their deadline, read a bounded
 * reply, follow no redirect, and never overlap on one branch.
 */
class BranchCallBoundsTests {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);

    private static final int MAX_REPLY_BYTES = 64 * 1024;

    private BranchCaller caller;

    private HostileBranchServer server;

    @BeforeEach
    void caller() {
        caller = new BranchCaller(BranchCaller.defaultHttpClient(4), REQUEST_TIMEOUT, CallbackSigner.disabled(),
                BranchUrlPolicy.allowAll(), MAX_REPLY_BYTES);
    }

    @AfterEach
    void close() throws Exception {
        caller.close();
        if (server != null) {
            server.close();
        }
    }

    private static TransGlobal global(String gid, long requestTimeoutSeconds) {
        TransGlobal g = new TransGlobal();
        g.setGid(gid);
        g.setTransType("saga");
        g.setProtocol("http");
        TransOptions options = new TransOptions();
        options.setRequestTimeout(requestTimeoutSeconds);
        g.setOptions(options);
        return g;
    }

    private BranchCallResult callWithin(Duration limit, TransGlobal g, String url) {
        return assertTimeoutPreemptively(limit, () -> caller.call(g, url, "{}".getBytes(), "01", "action"));
    }

    @Test
    void aReplyDrippingAByteASecondIsCutAtTheDeadline() throws Exception {
        server = HostileBranchServer.start(HostileBranchServer.trickle(Duration.ofMillis(200)));
        long started = System.nanoTime();
        BranchCallResult result = callWithin(Duration.ofSeconds(6), global("gid-trickle", 0), server.url("/a"));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(result.result()).isEqualTo(ReplyOutcome.RETRYABLE);
        assertThat(result.message()).contains("cut at its deadline of 1000 ms");
        // the first call of a JVM loads classes for a while
        assertThat(took).isBetween(REQUEST_TIMEOUT, REQUEST_TIMEOUT.plusSeconds(3));
    }

    @Test
    void theDeadlineIsTheTransactionsOwnRequestTimeout() throws Exception {
        server = HostileBranchServer.start(HostileBranchServer.trickle(Duration.ofMillis(200)));
        long started = System.nanoTime();
        BranchCallResult result = callWithin(Duration.ofSeconds(10), global("gid-own", 2), server.url("/a"));

        assertThat(result.message()).contains("cut at its deadline of 2000 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofSeconds(2),
                Duration.ofSeconds(5));
    }

    @Test
    void aContentLengthOf1500MegabytesSizesNoBufferAndTheCallEndsAtTheDeadline() throws Exception {
        server = HostileBranchServer.start(HostileBranchServer.lyingContentLength(1_500_000_000L, "SUCCESS"));
        BranchCallResult result = callWithin(Duration.ofSeconds(6), global("gid-lying", 0), server.url("/a"));

        assertThat(result.result()).isEqualTo(ReplyOutcome.RETRYABLE);
        assertThat(result.message()).contains("cut at its deadline");
    }

    @Test
    void aHugeReplyIsReadOnlyUpToTheCapAndIsNotJudged() throws Exception {
        server = HostileBranchServer.start(HostileBranchServer.huge(10L * 1024 * 1024));
        BranchCallResult result = callWithin(Duration.ofSeconds(6), global("gid-huge", 0), server.url("/a"));

        assertThat(result.result()).isEqualTo(ReplyOutcome.RETRYABLE);
        assertThat(result.message()).startsWith("http status 200, reply longer than 65536 bytes (max-reply-bytes)")
            .hasSizeLessThan(LogSafe.REPLY_PREFIX + 120);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.openConnections() == 0);
        assertThat(server.bytesWritten()).as("the rest is not drained: the connection is closed")
            .isLessThan(10L * 1024 * 1024);
    }

    @Test
    void aReplyAtTheCapIsJudgedWhole() throws Exception {
        String body = "x".repeat(MAX_REPLY_BYTES - "FAILURE".length()) + "FAILURE";
        server = HostileBranchServer.start(HostileBranchServer.status(200, body));
        assertThat(callWithin(Duration.ofSeconds(6), global("gid-cap", 0), server.url("/a")).result())
            .isEqualTo(ReplyOutcome.FAILURE);
    }

    @Test
    void aRedirectIsNotFollowed() throws Exception {
        server = HostileBranchServer.start(Map.of("/a", HostileBranchServer.redirect("/elsewhere"), "/elsewhere",
                HostileBranchServer.status(200, "SUCCESS")));
        BranchCallResult result = callWithin(Duration.ofSeconds(6), global("gid-302", 0), server.url("/a"));

        assertThat(result.result()).isEqualTo(ReplyOutcome.RETRYABLE);
        assertThat(result.message()).startsWith("http status 302");
        assertThat(server.calls("/a")).isOne();
        assertThat(server.calls("/elsewhere")).isZero();
    }

    @Test
    void aSecondCallToABranchWhoseCallIsInFlightIsNotMade() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        server = HostileBranchServer.start(HostileBranchServer.heldUntil(release,
                HostileBranchServer.status(200, "{\"dtm_result\":\"SUCCESS\"}")));
        TransGlobal g = global("gid-twice", 10);
        CompletableFuture<BranchCallResult> first = CompletableFuture
            .supplyAsync(() -> caller.call(g, server.url("/a"), "{}".getBytes(), "01", "action"));
        await().atMost(Duration.ofSeconds(5)).until(() -> server.received().size() == 1);

        BranchCallResult second = caller.call(g, server.url("/a"), "{}".getBytes(), "01", "action");
        assertThat(second.result()).isEqualTo(ReplyOutcome.RETRYABLE);
        assertThat(second.message()).startsWith("not called: ").contains("still in flight");
        // another branch, or the same one of another transaction, is not held back
        CompletableFuture<BranchCallResult> otherOp = CompletableFuture
            .supplyAsync(() -> caller.call(g, server.url("/a"), "{}".getBytes(), "01", "compensate"));
        CompletableFuture<BranchCallResult> otherGid = CompletableFuture
            .supplyAsync(() -> caller.call(global("gid-other", 10), server.url("/a"), "{}".getBytes(), "01", "action"));
        await().atMost(Duration.ofSeconds(5)).until(() -> server.received().size() == 3);

        release.countDown();
        assertThat(first.get().isSuccess()).isTrue();
        assertThat(otherOp.get().isSuccess()).isTrue();
        assertThat(otherGid.get().isSuccess()).isTrue();
        assertThat(caller.call(g, server.url("/a"), "{}".getBytes(), "01", "action").isSuccess())
            .as("called again once the first call ended")
            .isTrue();
        assertThat(server.received()).hasSize(4);
    }

}
