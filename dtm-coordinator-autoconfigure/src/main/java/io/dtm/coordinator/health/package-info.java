/**
 * Health indicators of the coordinator's store and poller.
 */
@NullMarked
package io.dtm.coordinator.health;

import org.jspecify.annotations.NullMarked;
