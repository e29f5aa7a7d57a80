/**
 * Tracing of the coordinator's branch calls with Micrometer.
 */
@NullMarked
package io.dtm.coordinator.observation;

import org.jspecify.annotations.NullMarked;
