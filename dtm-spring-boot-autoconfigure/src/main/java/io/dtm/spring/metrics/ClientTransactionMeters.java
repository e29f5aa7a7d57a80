package io.dtm.spring.metrics;

import java.util.Locale;

import io.dtm.protocol.TransType;
import io.dtm.spring.client.TransListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts the global transactions this application began, submitted and aborted, by type.
 */
public class ClientTransactionMeters implements TransListener {

    static final String NAME = "dtm.client.transactions";

    private final MeterRegistry registry;

    public ClientTransactionMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void transaction(String transType, Outcome outcome) {
        Counter.builder(NAME)
            .description("Global transactions the coordinator accepted from this application")
            .tag("type", TransType.find(transType).map(TransType::wireName).orElse("other"))
            .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
            .register(this.registry)
            .increment();
    }

}
