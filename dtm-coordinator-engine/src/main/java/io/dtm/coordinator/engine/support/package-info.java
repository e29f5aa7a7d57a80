/**
 * What every engine package shares: settings, the clock, limits, MDC, log escaping and
 * the request exceptions.
 */
@NullMarked
package io.dtm.coordinator.engine.support;

import org.jspecify.annotations.NullMarked;
