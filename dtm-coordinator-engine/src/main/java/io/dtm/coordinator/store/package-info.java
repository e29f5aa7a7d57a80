/**
 * The coordinator's storage SPI, {@link io.dtm.coordinator.store.TransStore}, and the
 * exceptions its implementations throw.
 */
@NullMarked
package io.dtm.coordinator.store;

import org.jspecify.annotations.NullMarked;
