/**
 * Micrometer meters of the coordinator: transactions, branch calls, the poller and the
 * API.
 */
@NullMarked
package io.dtm.coordinator.metrics;

import org.jspecify.annotations.NullMarked;
