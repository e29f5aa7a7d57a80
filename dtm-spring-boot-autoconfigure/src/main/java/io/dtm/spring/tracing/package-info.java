/**
 * Trace context on the calls the client makes, with Micrometer Tracing when present.
 */
@NullMarked
package io.dtm.spring.tracing;

import org.jspecify.annotations.NullMarked;
