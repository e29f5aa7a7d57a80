/**
 * Runs and holds: a pass over one transaction, its lease and its status changes.
 */
@NullMarked
package io.dtm.coordinator.engine.run;

import org.jspecify.annotations.NullMarked;
