/**
 * The coordinator engine's entry points and wiring:
 * {@link io.dtm.coordinator.engine.Coordinator} and its builder, the transaction and
 * topic services, the processor and the poller.
 */
@NullMarked
package io.dtm.coordinator.engine;

import org.jspecify.annotations.NullMarked;
