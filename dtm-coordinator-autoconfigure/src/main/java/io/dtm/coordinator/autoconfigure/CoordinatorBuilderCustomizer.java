package io.dtm.coordinator.autoconfigure;

import io.dtm.coordinator.engine.Coordinator;

/**
 * Customizes the engine's {@link Coordinator.Builder} before the coordinator is built:
 * the one way to extend the engine (listeners, store decorators, executors, branch
 * caller...). Every bean of this type is applied, in
 * {@link org.springframework.core.Ordered order}, after the defaults the
 * auto-configuration sets; only a {@link Coordinator} bean of the application's replaces
 * the engine altogether.
 */
@FunctionalInterface
public interface CoordinatorBuilderCustomizer {

    void customize(Coordinator.Builder builder);

}
