/**
 * The five modes, one processor each: validation, branch generation, registration and
 * processing.
 */
@NullMarked
package io.dtm.coordinator.engine.mode;

import org.jspecify.annotations.NullMarked;
