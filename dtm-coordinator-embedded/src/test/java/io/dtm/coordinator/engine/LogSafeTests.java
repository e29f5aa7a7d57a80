package io.dtm.coordinator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.dtm.coordinator.engine.support.LogSafe;

class LogSafeTests {

    @Test
    void controlCharactersAreEscapedSoNoLineCanBeForged() {
        String forged = "ok\n2024-01-01 INFO branch call gid=x result=SUCCESS\r\u001b[31m\u2028";
        String escaped = LogSafe.escape(forged);
        assertThat(escaped).doesNotContain("\n", "\r", "\u001b", "\u2028")
            .isEqualTo("ok\\n2024-01-01 INFO branch call gid=x result=SUCCESS\\r\\u001b[31m\\u2028");
        assertThat(LogSafe.escape("plain")).isEqualTo("plain");
        assertThat(LogSafe.escape(null)).isEmpty();
    }

    @Test
    void c1ControlsLineSeparatorsAndBidiControlsAreEscaped() {
        String hostile = "g\u001b]0;title\u0007\u0085next\u009b31m\u2028\u2029\u202eevil\u2066";
        assertThat(LogSafe.escape(hostile))
            .isEqualTo("g\\u001b]0;title\\u0007\\u0085next\\u009b31m\\u2028\\u2029\\u202eevil\\u2066");
        assertThat(LogSafe.escape("caf\u00e9 \u65e5\u672c")).isEqualTo("caf\u00e9 \u65e5\u672c");
    }

    @Test
    void replyBodiesAreCutToAShortPrefix() {
        String body = "x".repeat(10_000);
        assertThat(LogSafe.reply(body)).startsWith("x".repeat(LogSafe.REPLY_PREFIX) + "...")
            .endsWith("(" + (10_000 - LogSafe.REPLY_PREFIX) + " more characters)")
            .hasSizeLessThan(LogSafe.REPLY_PREFIX + 40);
    }

    @Test
    void credentialsInHeadersAreMasked() {
        Map<String, String> masked = LogSafe
            .headers(Map.of("Authorization", "Bearer secret", "X-Api-Key", "k", "X-Tenant", "acme\nx"));
        assertThat(masked).containsEntry("Authorization", "****")
            .containsEntry("X-Api-Key", "****")
            .containsEntry("X-Tenant", "acme\\nx");
    }

}
