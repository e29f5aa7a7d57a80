package io.dtm.spring.metrics;

import io.dtm.spring.client.DtmClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientTransactionMetersTests {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private double count(String type, String outcome) {
        var counter = this.registry.find("dtm.client.transactions").tags("type", type, "outcome", outcome).counter();
        return (counter != null) ? counter.count() : 0;
    }

    @Test
    void theCoordinatorsAcceptedCallsAreCountedByTypeAndOutcome() {
        try (FakeCoordinator coordinator = new FakeCoordinator()) {
            DtmClient client = DtmClient.create(coordinator.server());
            client.addListener(new ClientTransactionMeters(this.registry));
            client.saga("g-saga").add("http://busi/a", "http://busi/c", "{}").submit();
            var msg = client.msg("g-msg").add("http://busi/a", "{}");
            msg.prepare("http://busi/query");
            client.abort(msg.request());
            assertThat(count("saga", "submitted")).isEqualTo(1);
            assertThat(count("msg", "begun")).isEqualTo(1);
            assertThat(count("msg", "aborted")).isEqualTo(1);
            assertThat(count("saga", "begun")).isZero();
            assertThat(this.registry.getMeters()).allSatisfy(
                    (meter) -> assertThat(meter.getId().getTags()).noneMatch((tag) -> tag.getValue().startsWith("g-")));
        }
    }

}
