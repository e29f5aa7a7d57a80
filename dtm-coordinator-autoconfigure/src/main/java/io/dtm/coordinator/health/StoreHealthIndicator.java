package io.dtm.coordinator.health;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import io.dtm.coordinator.store.TransStore;

/** The coordinator's store answers a round trip ({@link TransStore#ping()}). */
public class StoreHealthIndicator extends AbstractHealthIndicator {

    private final TransStore store;

    private final String storeType;

    public StoreHealthIndicator(TransStore store, String storeType) {
        super("dtm store health check failed");
        this.store = store;
        this.storeType = storeType;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        store.ping();
        builder.up().withDetail("type", storeType);
    }

}
