package io.dtm.coordinator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

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
