/**
 * The coordinator's own JSON settings, independent of the host application's.
 */
@NullMarked
package io.dtm.coordinator.model;

import org.jspecify.annotations.NullMarked;
