package io.dtm.coordinator.metrics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

import io.micrometer.core.instrument.MeterRegistry;

import io.dtm.coordinator.store.TransStore;

/**
 * Wraps the coordinator's store in a {@link MeteredTransStore}, so that the engine writes
 * through it.
 */
public class MeteredTransStorePostProcessor implements BeanPostProcessor {

    private final ObjectProvider<MeterRegistry> registry;

    private final ObjectProvider<TransactionMeters> transactions;

    public MeteredTransStorePostProcessor(ObjectProvider<MeterRegistry> registry,
            ObjectProvider<TransactionMeters> transactions) {
        this.registry = registry;
        this.transactions = transactions;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof TransStore store && !(bean instanceof MeteredTransStore)) {
            return new MeteredTransStore(store, registry.getObject(), transactions.getObject());
        }
        return bean;
    }

}
