/**
 * Branch calls: the HTTP caller with its deadline, URL policy, callback signing, service
 * URL resolution and tracing.
 */
@NullMarked
package io.dtm.coordinator.engine.call;

import org.jspecify.annotations.NullMarked;
