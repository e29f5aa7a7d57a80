package io.dtm.spring.health;

import java.time.Duration;

import io.dtm.spring.client.DtmHttp;
import io.dtm.spring.metrics.FakeCoordinator;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

class CoordinatorHealthIndicatorTests {

    private final DtmHttp http = new DtmHttp(Duration.ofSeconds(2));

    @Test
    void upWhenTheCoordinatorAnswersItsPing() {
        try (FakeCoordinator coordinator = new FakeCoordinator()) {
            Health health = new CoordinatorHealthIndicator(this.http, coordinator::server).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(coordinator.paths()).containsExactly("/api/ping");
        }
    }

    @Test
    void downWhenTheCoordinatorCannotBeReached() {
        Health health = new CoordinatorHealthIndicator(this.http, () -> "http://127.0.0.1:1/api/dtmsvr").health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    }

    @Test
    void thePingIsNextToTheApi() {
        assertThat(CoordinatorHealthIndicator.pingUrl("http://dtm:36789/api/dtmsvr"))
            .isEqualTo("http://dtm:36789/api/ping");
        assertThat(CoordinatorHealthIndicator.pingUrl("http://dtm:36789/ctx/api/dtmsvr/"))
            .isEqualTo("http://dtm:36789/ctx/api/ping");
        assertThat(CoordinatorHealthIndicator.pingUrl("http://dtm:36789")).isEqualTo("http://dtm:36789/api/ping");
    }

}
