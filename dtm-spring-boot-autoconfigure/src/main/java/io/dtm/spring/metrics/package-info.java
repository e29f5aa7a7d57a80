/**
 * Micrometer meters of the client: transactions begun, submitted and aborted; barrier
 * outcomes.
 */
@NullMarked
package io.dtm.spring.metrics;

import org.jspecify.annotations.NullMarked;
