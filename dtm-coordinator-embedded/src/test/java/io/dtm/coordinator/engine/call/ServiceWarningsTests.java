package io.dtm.coordinator.engine.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/**
 * The warning about a service without instances: once per interval and service, with a
 * bounded memory of the services warned about.
 */
class ServiceWarningsTests {

    @Test
    void aServiceWithoutInstancesIsWarnedAboutOncePerInterval() {
        AtomicLong nanos = new AtomicLong();
        ServiceWarnings warnings = new ServiceWarnings(Duration.ofMinutes(1), nanos::get);
        assertThat(warnings.due("bank")).isTrue();
        assertThat(warnings.due("bank")).isFalse();
        assertThat(warnings.due("stock")).isTrue();
        nanos.addAndGet(Duration.ofSeconds(59).toNanos());
        assertThat(warnings.due("bank")).isFalse();
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(warnings.due("bank")).isTrue();
        assertThat(warnings.due("bank")).isFalse();
    }

    @Test
    void theMemoryOfWarnedServicesIsBounded() {
        AtomicLong nanos = new AtomicLong();
        ServiceWarnings warnings = new ServiceWarnings(Duration.ofMinutes(1), nanos::get);
        for (int i = 0; i < ServiceWarnings.MAX_SERVICES; i++) {
            assertThat(warnings.due("service-" + i)).isTrue();
        }
        assertThat(warnings.due("service-0")).isFalse();
        assertThat(warnings.due("one-more")).isTrue();
        assertThat(warnings.due("service-0")).isTrue();
    }

}
